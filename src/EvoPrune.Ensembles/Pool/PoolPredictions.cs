namespace EvoPrune.Ensembles.Pool;

/// <summary>
/// Everything selection and scoring need from a trained pool: member names and their cached outputs on the selection
/// (validation) split and on the test split. Built once per fold by <see cref="ClassifierPool.Predict"/>; a plain
/// record of arrays, so it can be shipped to other processes and evaluated there without models or Torch.
/// </summary>
/// <param name="MemberNames">Name of each member, index = bit position in a selection vector.</param>
/// <param name="Selection">Outputs on the split the EA optimises on.</param>
/// <param name="Test">Outputs on the held-out split used only for reporting.</param>
public sealed record PoolPredictions(IReadOnlyList<string> MemberNames, SplitPredictions Selection, SplitPredictions Test)
{
    /// <summary>M, the pool size (selection vector length).</summary>
    public int Size => MemberNames.Count;

    /// <summary>K.</summary>
    public int ClassCount => Selection.ClassCount;

    /// <summary>Index of the member with the highest selection accuracy (ties to the lowest index).</summary>
    public int BestMember
    {
        get
        {
            var best = 0;
            for (var m = 1; m < Size; m++)
            {
                if (Selection.Accuracies[m] > Selection.Accuracies[best])
                {
                    best = m;
                }
            }

            return best;
        }
    }
}
