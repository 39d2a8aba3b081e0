using EvoPrune.Learning.Experiments;
using EvoPrune.Learning.Training;

namespace EvoPrune.Cluster.Plugins;

/// <summary>
/// The parts of an experiment config a genome kind reads its settings from: its <c>search:</c> section, the
/// <c>run:</c> section (for kinds whose search decides the run's shape), and the config's data, model and training,
/// already read and checked. <see cref="Generations"/> and <see cref="Population"/> are <c>run.generations</c> and
/// <c>run.population</c> or their defaults.
/// </summary>
public sealed record KindConfigSource(IConfigSection Run, IConfigSection Search, DataSpec Data, ModelSpec Model, TrainerOptions Training, int Generations, int Population)
{
    /// <summary>The run's <c>populations</c> (<c>["main"]</c> when absent); read when asked, so a kind can refuse the key first.</summary>
    public IReadOnlyList<string> Populations() => Run.GetStringList("populations") ?? ["main"];

    /// <summary>The shape the <c>run:</c> section asks for, for kinds whose search does not decide it.</summary>
    public RunShape RequestedShape() => new(Generations, Population, Populations());

    /// <summary>Refuses the first of <paramref name="keys"/> present in the <c>run:</c> section, saying <paramref name="why"/>.</summary>
    public void RefuseRunKeys(IReadOnlyList<string> keys, string why)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.FirstOrDefault(Run.Has) is { } key)
        {
            throw Run.ErrorAt(key, why);
        }
    }
}
