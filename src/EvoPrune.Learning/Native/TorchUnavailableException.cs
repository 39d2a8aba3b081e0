namespace EvoPrune.Learning.Native;

/// <summary>libtorch (or the requested device) cannot be used on this host; the message says why and what to do.</summary>
public sealed class TorchUnavailableException : Exception
{
    public TorchUnavailableException()
    {
    }

    public TorchUnavailableException(string message)
        : base(message)
    {
    }

    public TorchUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
