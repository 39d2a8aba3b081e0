namespace EvoPrune.Data.Formats;

/// <summary>
/// The header of an IDX file (MNIST format): a big-endian magic number whose third byte is the element type
/// (0x08 = unsigned byte) and whose fourth byte is the number of dimensions, then one big-endian uint32 per
/// dimension. The first dimension is the item count.
/// </summary>
/// <param name="Magic">The 32-bit magic number, e.g. 0x00000803 for ubyte images.</param>
/// <param name="Dimensions">The dimension sizes, item count first.</param>
public sealed record IdxHeader(int Magic, IReadOnlyList<int> Dimensions)
{
    /// <summary>Number of items (images or labels): the first dimension.</summary>
    public int Count => Dimensions.Count > 0 ? Dimensions[0] : 0;

    /// <summary>Bytes in the header: 4 for the magic plus 4 per dimension.</summary>
    public int HeaderBytes => 4 + (4 * Dimensions.Count);

    /// <summary>Bytes of data the header announces (product of dimensions, one byte per ubyte element).</summary>
    public long DataBytes => Dimensions.Aggregate(1L, (product, d) => product * d);
}
