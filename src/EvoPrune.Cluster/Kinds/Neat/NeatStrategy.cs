using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Plugins;
using EvoPrune.Evolution.Neat;

namespace EvoPrune.Cluster.Kinds.Neat;

/// <summary>
/// NEAT as a population strategy: the strategy state is the algorithm's snapshot taken right after breeding (species,
/// innovation history, stagnation counters, best so far), so generation g restores it, accepts generation g−1's
/// evaluations (speciation, fitness sharing happen there) and breeds generation g. Between checkpoints the algorithm
/// stays live in this instance (<see cref="ILiveStateStrategy"/>): no snapshot is written or parsed and the members it
/// bred are not decoded again, so a generation on the engine costs about what it costs in-process.
/// </summary>
internal sealed class NeatStrategy(RunSpec spec, NeatRunSettings settings, IReadOnlyList<string> dataDirectories) : ILiveStateStrategy
{
    // Payloads are encoded only when a record leaves this silo or goes into a checkpoint.
    private static readonly Func<object, byte[]> EncodeLive = genome => NeatGenomeCodec.Encode((NeatGenome)genome);

    /// <summary>
    /// The strategy state's form: the algorithm's snapshot as JSON with every genome (population, species
    /// representatives, the best so far) as the base64 of its binary payload (<see cref="NeatGenomeCodec"/>). Genes as
    /// JSON objects made a checkpoint of XOR at population 150 about 1 MB and took 6 ms to write, once per checkpoint
    /// and at every run's end; states written that way by earlier versions still read.
    /// </summary>
    internal static readonly JsonSerializerOptions StateJson = new(NeatKind.Json) { Converters = { new PayloadGenomeConverter() } };

    private readonly INeatTask _task = settings.CreateTask(dataDirectories, spec.Seed);
    private NeatAlgorithm? _algorithm;
    private IReadOnlyList<NeatGenome> _bred = [];
    private IReadOnlyList<GenomeRecord> _bredRecords = [];

    public (IReadOnlyList<GenomeRecord> Genomes, byte[] State) Propose(string population, int generation, IReadOnlyList<ScoredGenome> members, byte[] state)
    {
        var genomes = ProposeLive(population, generation, members, state);
        return (genomes, CaptureState());
    }

    public IReadOnlyList<GenomeRecord> ProposeLive(string population, int generation, IReadOnlyList<ScoredGenome> members, byte[]? restored)
    {
        if (restored != null || _algorithm == null)
        {
            restored ??= [];
            _algorithm = restored.Length == 0
                ? new NeatAlgorithm(settings.Neat, _task, spec.Seed)
                : NeatAlgorithm.Resume(settings.Neat, _task, JsonSerializer.Deserialize<NeatPopulationSnapshot>(restored, StateJson)!);
            _bred = [];
            _bredRecords = [];
        }

        if (members.Count > 0)
        {
            _algorithm.Accept(Genomes(members), members.Select(m => new NeatEvaluation(m.Report.Failed ? 0 : m.Report.Fitness, SuccessTest.Passed(m.Report))).ToArray());
        }

        var children = _algorithm.Breed();
        var records = new GenomeRecord[children.Count];
        var prefix = string.Create(CultureInfo.InvariantCulture, $"{population}-g{generation}-");
        for (var i = 0; i < children.Count; i++)
        {
            records[i] = GenomeRecord.OfLive(string.Concat(prefix, i.ToString(CultureInfo.InvariantCulture)), population, generation, i, children[i], EncodeLive);
        }

        _bred = children;
        _bredRecords = records;
        return records;
    }

    public byte[] CaptureState() =>
        JsonSerializer.SerializeToUtf8Bytes((_algorithm ?? throw new InvalidOperationException("The NEAT strategy has proposed nothing yet.")).Snapshot(), StateJson);

    // NEAT replaces the whole population each generation; the elites are copied into the children by Breed.
    public IReadOnlyList<ScoredGenome> Accept(string population, int generation, IReadOnlyList<ScoredGenome> members, IReadOnlyList<ScoredGenome> evaluated) => evaluated;

    // The members are the genomes this instance bred last, in order, unless it was restored: then they are decoded.
    private IReadOnlyList<NeatGenome> Genomes(IReadOnlyList<ScoredGenome> members)
    {
        if (_bred.Count == members.Count)
        {
            var same = true;
            for (var i = 0; i < members.Count && same; i++)
            {
                same = ReferenceEquals(members[i].Genome, _bredRecords[i]);
            }

            if (same)
            {
                return _bred;
            }
        }

        return members.Select(m => NeatKind.Decode(m.Genome)).ToArray();
    }

    // A genome in the state: its binary payload as base64; a JSON object (states of earlier versions) reads as before.
    private sealed class PayloadGenomeConverter : JsonConverter<NeatGenome>
    {
        public override NeatGenome Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String
                ? NeatGenomeCodec.Decode(reader.GetBytesFromBase64(), "in the NEAT population state")
                : JsonSerializer.Deserialize<NeatGenome>(ref reader, NeatKind.Json) ?? throw new JsonException("A NEAT genome in the population state is empty.");

        public override void Write(Utf8JsonWriter writer, NeatGenome value, JsonSerializerOptions options) =>
            writer.WriteBase64StringValue(NeatGenomeCodec.Encode(value));
    }
}
