using TorchSharp;
using static TorchSharp.torch;

namespace EvoPrune.Learning.Activations;

/// <summary>A parameter-free module that applies a registered activation function.</summary>
internal sealed class ActivationModule : nn.Module<Tensor, Tensor>
{
    private readonly Func<Tensor, Tensor> _function;

    public ActivationModule(string name)
        : base("act_" + (Evolution.Cgp.CgpProgram.LooksLikeProgram(name) ? "cgp" : name))
    {
        FunctionName = name;
        _function = ActivationRegistry.Get(name);
    }

    public string FunctionName { get; }

    public override Tensor forward(Tensor input) => _function(input);
}
