using EvoPrune.Cluster.Contracts;

namespace EvoPrune.Cluster.Kinds;

/// <summary>
/// Tasks with a success test (NEAT's XOR, multiplexers, pole balancing, classification at 100%): an evaluation reports
/// the score <c>solved</c> ≥ 1 when its genome passes. The genome that solved a generation is the fittest of those
/// that passed, the first proposed among equals: the champion NEAT's in-process loop (<c>neat-bench</c>) names, so
/// the engine, the console and <c>inspect</c> name the same genome.
/// </summary>
public static class SuccessTest
{
    /// <summary>The score an evaluation sets to 1 when its genome passes the task's success test.</summary>
    public const string ScoreName = "solved";

    public static bool Passed(FitnessReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return !report.Failed && report.Scores.TryGetValue(ScoreName, out var solved) && solved >= 1;
    }

    /// <summary>The genome that solved <paramref name="members"/>' generation, or null when none passed.</summary>
    public static ScoredGenome? Solver(IEnumerable<ScoredGenome> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        ScoredGenome? solver = null;
        foreach (var member in members)
        {
            if (Passed(member.Report) && (solver == null || member.Report.Fitness > solver.Report.Fitness
                || (member.Report.Fitness == solver.Report.Fitness && ProposedBefore(member.Genome, solver.Genome))))
            {
                solver = member;
            }
        }

        return solver;
    }

    private static bool ProposedBefore(GenomeRecord a, GenomeRecord b) =>
        a.Born != b.Born ? a.Born < b.Born
        : a.Index != b.Index ? a.Index < b.Index
        : string.CompareOrdinal(a.Id, b.Id) < 0;
}
