using System.Reflection;
using System.Reflection.Emit;
using EvoPrune.Evolution.Cgp;
using EvoPrune.Learning.Activations;
using EvoPrune.Learning.Models;
using EvoPrune.Learning.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace EvoPrune.Learning.Tests;

/// <summary>
/// The cause of "Expected false to be true … toFloat at Scalar.h:140" (issue 19, item 5): a TorchSharp <see cref="Scalar"/>
/// holds a bare native pointer and has a finalizer. A method such as <c>Tensor.add(Tensor target) => add(target, 1)</c>
/// makes a Scalar for the 1, reads its handle and calls libtorch; from then on nothing roots the Scalar, so a
/// collection started by another worker's allocations can finalize it (<c>delete</c> the <c>c10::Scalar</c>) while
/// libtorch still reads it, and the freed memory's first word (the Scalar's type tag) is the allocator's. This test
/// reads the IL of EvoPrune.Learning, where every evaluation's tensor work lives, and of every TorchSharp method it
/// reaches, and fails on any call that hands libtorch such a temporary: TorchSharp methods that convert a number to a
/// Scalar without disposing it (directly, or through another such method), and implicit conversions in our own code
/// whose result is not kept in a field.
/// </summary>
public class ScalarLifetimeTests
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    [Fact]
    public void Learning_HandsLibtorchNoScalarThatNothingKeepsAlive()
    {
        var torchSharp = typeof(Scalar).Assembly;
        var unsafeMethods = new Dictionary<MethodBase, bool>();
        var offenders = new List<string>();
        foreach (var method in MethodsOf(typeof(MaskedNetwork).Assembly))
        {
            var calls = Calls(method).ToArray();
            for (var i = 0; i < calls.Length; i++)
            {
                var (callee, next) = calls[i];
                if (callee.Module.Assembly != torchSharp)
                {
                    continue;
                }

                var where = $"{method.DeclaringType?.FullName}.{method.Name}";
                if (IsConversion(callee) && callee.Name == "op_Implicit" && next != OpCodes.Stfld && next != OpCodes.Stsfld)
                {
                    offenders.Add($"{where}: implicit conversion to Scalar passed on unrooted (make it a field or a using local)");
                }
                else if (!IsConversion(callee) && IsUnsafe(callee, torchSharp, unsafeMethods, []))
                {
                    offenders.Add($"{where}: {callee.DeclaringType?.Name}.{callee.Name}({string.Join(", ", callee.GetParameters().Select(p => p.ParameterType.Name))}) makes a temporary Scalar");
                }
            }
        }

        Assert.True(offenders.Count == 0, string.Join("\n", offenders.Distinct().Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void Analysis_FlagsTheTorchSharpCallsThatFailed()
    {
        // The check above must see the forms that failed: optim.SGD's step and the one-argument add.
        var torchSharp = typeof(Scalar).Assembly;
        var known = new Dictionary<MethodBase, bool>();
        var sgdStep = typeof(TorchSharp.Modules.SGD).GetMethod("step", [typeof(Func<torch.Tensor>)])!;
        var add = typeof(torch.Tensor).GetMethod("add", [typeof(torch.Tensor)])!;
        var addWithAlpha = typeof(torch.Tensor).GetMethod("add", [typeof(torch.Tensor), typeof(Scalar)])!;

        Assert.True(IsUnsafe(sgdStep, torchSharp, known, []));
        Assert.True(IsUnsafe(add, torchSharp, known, []));
        Assert.False(IsUnsafe(addWithAlpha, torchSharp, known, []));
    }

    [Fact]
    public void LiveScalarForms_SameValuesAsTorchSharpsOwnCalls()
    {
        using var scope = NewDisposeScope();
        var x = linspace(-30, 30, 2001, dtype: float32);
        var y = linspace(5, -5, 2001, dtype: float32);
        var pairs = new (string Name, Tensor Ours, Tensor TorchSharps)[]
        {
            ("leaky_relu", ActivationRegistry.Get("leaky_relu")(x), nn.functional.leaky_relu(x, 0.01)),
            ("elu", ActivationRegistry.Get("elu")(x), nn.functional.elu(x, 1.0)),
            ("softplus", ActivationRegistry.Get("softplus")(x), nn.functional.softplus(x)),
            ("softsign", ActivationRegistry.Get("softsign")(x), x / (x.abs() + 1)),
            ("mish", ActivationRegistry.Get("mish")(x), x * nn.functional.softplus(x).tanh()),
            ("add", x.add(y, LiveScalars.IntOne), x + y),
            ("add_", x.clone().add_(y, LiveScalars.IntOne), x.clone().add_(y)),
            ("celu", x.celu(LiveScalars.One), nn.functional.celu(x, 1.0)),
            ("cgp leaky_relu", CgpActivation.Compile(CgpProgram.FromGenes(new CgpShape(1, 1, 1), [CgpIndex("leaky_relu"), 0, 0, 1]))(x), nn.functional.leaky_relu(x, CgpPrimitives.LeakySlope)),
        };

        foreach (var (name, ours, theirs) in pairs)
        {
            Assert.True(ours.eq(theirs).all().item<bool>(), name);
        }
    }

    private static int CgpIndex(string name) => CgpPrimitives.All.Select((p, i) => (p.Name, i)).Single(p => p.Name == name).i;

    private static bool IsConversion(MethodBase method) => method.DeclaringType == typeof(Scalar) || method.DeclaringType == typeof(ScalarExtensionMethods);

    // A TorchSharp method is unsafe when it makes a Scalar from a number and never disposes one, or calls an unsafe method.
    private static bool IsUnsafe(MethodBase method, Assembly torchSharp, Dictionary<MethodBase, bool> known, HashSet<MethodBase> visiting)
    {
        if (known.TryGetValue(method, out var result))
        {
            return result;
        }

        if (!visiting.Add(method))
        {
            return false;
        }

        var all = Calls(method).ToArray();
        var calls = all.Select(c => c.Callee).Where(c => c.Module.Assembly == torchSharp).ToArray();
        // A Scalar kept in a local is safe when the method disposes (a using); one passed straight on is not.
        var disposes = all.Any(c => c.Callee.Name == "Dispose" && (c.Callee.DeclaringType == typeof(Scalar) || c.Callee.DeclaringType == typeof(IDisposable)));
        var converts = all.Any(c => IsConversion(c.Callee) && c.Callee.Name is "op_Implicit" or "ToScalar" && !(disposes && IsStoreLocal(c.Next)));
        result = converts || calls.Where(c => !IsConversion(c)).Any(c => IsUnsafe(c, torchSharp, known, visiting));
        // A module's forward runs through Module.call: check the forward of every module type a method hands out.
        if (!result && method is MethodInfo { ReturnType: var returned } && typeof(torch.nn.Module).IsAssignableFrom(returned) && returned.Assembly == torchSharp)
        {
            result = returned.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => m.Name == "forward").Any(m => IsUnsafe(m, torchSharp, known, visiting));
        }

        visiting.Remove(method);
        known[method] = result;
        return result;
    }

    private static bool IsStoreLocal(OpCode op) =>
        op == OpCodes.Stloc || op == OpCodes.Stloc_S || op == OpCodes.Stloc_0 || op == OpCodes.Stloc_1 || op == OpCodes.Stloc_2 || op == OpCodes.Stloc_3;

    private static IEnumerable<MethodBase> MethodsOf(Assembly assembly) =>
        assembly.GetTypes().SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Cast<MethodBase>()
            .Concat(t.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)));

    /// <summary>
    /// Every method <paramref name="method"/> calls (call, callvirt, newobj) or makes a delegate of (ldftn: a lambda's body),
    /// with the opcode that follows.
    /// </summary>
    private static IEnumerable<(MethodBase Callee, OpCode Next)> Calls(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il == null)
        {
            yield break;
        }

        var typeArguments = method.DeclaringType is { IsGenericType: true } t ? t.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var calls = new List<(MethodBase, int)>();
        var opcodes = new List<(OpCode Op, int Offset)>();
        for (var i = 0; i < il.Length;)
        {
            var start = i;
            short value = il[i++];
            if (value == 0xFE)
            {
                value = unchecked((short)(0xFE00 | il[i++]));
            }

            var op = OpCodesByValue[value];
            opcodes.Add((op, start));
            var operand = i;
            i += op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, i)),
                _ => 4,
            };
            if (op == OpCodes.Call || op == OpCodes.Callvirt || op == OpCodes.Newobj || op == OpCodes.Ldftn || op == OpCodes.Ldvirtftn)
            {
                MethodBase? callee;
                try
                {
                    callee = method.Module.ResolveMethod(BitConverter.ToInt32(il, operand), typeArguments, methodArguments);
                }
                catch (ArgumentException)
                {
                    callee = null;
                }

                if (callee != null)
                {
                    calls.Add((callee, opcodes.Count - 1));
                }
            }
        }

        foreach (var (callee, index) in calls)
        {
            yield return (callee, index + 1 < opcodes.Count ? opcodes[index + 1].Op : OpCodes.Nop);
        }
    }
}
