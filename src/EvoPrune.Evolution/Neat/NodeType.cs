namespace EvoPrune.Evolution.Neat;

/// <summary>The role of a node gene. Input and bias nodes only emit; hidden and output nodes apply the activation.</summary>
public enum NodeType
{
    /// <summary>A sensor: its value is set from the task's input vector.</summary>
    Input,

    /// <summary>The always-on input whose value is 1.0.</summary>
    Bias,

    /// <summary>A node added by an add-node mutation.</summary>
    Hidden,

    /// <summary>An effector: its activation is read back as network output.</summary>
    Output,
}
