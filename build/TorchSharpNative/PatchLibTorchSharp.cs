// MSBuild task (compiled by RoslynCodeTaskFactory from TorchSharpNative.targets).
//
// TorchSharp 0.107's native shim, libLibTorchSharp.so, was linked against GCC 13's libstdc++ and asks for
// the symbol std::ios_base_library_init() at version GLIBCXX_3.4.32. Debian 12 ships GCC 12's libstdc++
// (up to GLIBCXX_3.4.30), so the dynamic loader refuses the shim and TorchSharp cannot start.
//
// On such hosts this task, run after every build on the copy in the build output (never on the NuGet
// cache: the patched file is written beside it and renamed over it, which also breaks any hard link):
//   1. marks the GLIBCXX_3.4.32 requirement in .gnu.version_r weak (VER_FLG_WEAK), so its absence is
//      no longer fatal;
//   2. makes the shim load libevoprune_glibcxx_compat.so (built from glibcxx_compat.cpp), which defines
//      the missing function. The DT_NEEDED entry re-uses the shim's DT_SYMBOLIC entry, which is redundant
//      because DT_FLAGS already carries DF_SYMBOLIC, and its name is written into the tail of the
//      DT_RUNPATH string, whose extra entries are paths of TorchSharp's build machine ("$ORIGIN/" is kept,
//      which is also how the loader finds the compat library next to the shim).
// Everything is an in-place edit of existing bytes, so the file keeps its size and layout and no patchelf
// is needed. The task is idempotent and does nothing where the host's libstdc++ is new enough.
using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class PatchLibTorchSharp : Task
{
    private const string MissingVersion = "GLIBCXX_3.4.32";
    private const string CompatName = "libevoprune_glibcxx_compat.so";
    private const long DtNull = 0, DtNeeded = 1, DtStrtab = 5, DtSymbolic = 16, DtFlags = 30, DtRunpath = 29;
    private const long DfSymbolic = 0x2;
    private const uint ShtDynamic = 6, ShtDynsym = 11, ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    [Required] public string NativeDirectory { get; set; } = "";
    [Required] public string CompatSource { get; set; } = "";
    [Required] public string IntermediateDirectory { get; set; } = "";
    public string Compiler { get; set; } = "g++";
    /// <summary>Extra libstdc++ files to inspect (for tests); the host's standard places are always inspected.</summary>
    public string LibStdCxxOverride { get; set; } = "";

    public override bool Execute()
    {
        var shim = Path.Combine(NativeDirectory, "libLibTorchSharp.so");
        if (!File.Exists(shim))
        {
            return true;
        }

        var hostLib = FindHostLibStdCxx();
        if (hostLib != null && FileContains(hostLib, MissingVersion))
        {
            Log.LogMessage(MessageImportance.Low, $"EvoPrune: {hostLib} has {MissingVersion}; TorchSharp's shim needs no patch.");
            return true;
        }

        try
        {
            var compat = Path.Combine(NativeDirectory, CompatName);
            if (!BuildCompatLibrary(compat))
            {
                return false;
            }

            var bytes = File.ReadAllBytes(shim);
            var changed = Patch(bytes, shim);
            if (changed)
            {
                var temp = shim + ".evoprune-tmp";
                File.WriteAllBytes(temp, bytes);
                File.Replace(temp, shim, null);
                Log.LogMessage(MessageImportance.High, $"EvoPrune: patched {shim} for a libstdc++ without {MissingVersion} (see build/TorchSharpNative).");
            }

            return !Log.HasLoggedErrors;
        }
        catch (InvalidDataException ex)
        {
            Log.LogError($"EvoPrune: cannot patch {shim}: {ex.Message}");
            return false;
        }
    }

    private bool BuildCompatLibrary(string target)
    {
        var built = Path.Combine(IntermediateDirectory, CompatName);
        if (!File.Exists(built) || File.GetLastWriteTimeUtc(built) < File.GetLastWriteTimeUtc(CompatSource))
        {
            Directory.CreateDirectory(IntermediateDirectory);
            var psi = new ProcessStartInfo(Compiler, $"-shared -fPIC -O2 -o \"{built}\" \"{CompatSource}\"")
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            try
            {
                using var process = Process.Start(psi)!;
                var stderr = process.StandardError.ReadToEnd();
                process.WaitForExit();
                if (process.ExitCode != 0)
                {
                    Log.LogError($"EvoPrune: '{Compiler}' failed to build {CompatName} from {CompatSource}: {stderr}");
                    return false;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                Log.LogError(
                    $"EvoPrune: this host's libstdc++ lacks {MissingVersion}, which TorchSharp's native shim needs, and the C++ " +
                    $"compiler '{Compiler}' that builds the compatibility library was not found. Install it (Debian: apt-get install g++) " +
                    "or use a host with GCC 13's libstdc++ or newer.");
                return false;
            }
        }

        if (!File.Exists(target) || File.GetLastWriteTimeUtc(target) < File.GetLastWriteTimeUtc(built))
        {
            File.Copy(built, target, overwrite: true);
        }

        return true;
    }

    /// <summary>Applies both edits to an ELF64 little-endian image; returns false if it was already patched.</summary>
    private bool Patch(byte[] elf, string file)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F' || elf[4] != 2 || elf[5] != 1)
        {
            throw new InvalidDataException("not a 64-bit little-endian ELF file");
        }

        var shoff = (long)U64(elf, 0x28);
        var shentsize = U16(elf, 0x3A);
        var shnum = U16(elf, 0x3C);
        long dynOff = -1, dynSize = 0, verneedOff = -1, dynsymOff = -1, dynsymSize = 0, dynstrOff = -1;
        for (var i = 0; i < shnum; i++)
        {
            var sh = shoff + (i * shentsize);
            var type = U32(elf, sh + 4);
            var offset = (long)U64(elf, sh + 0x18);
            var size = (long)U64(elf, sh + 0x20);
            var link = U32(elf, sh + 0x28);
            if (type == ShtDynamic)
            {
                dynOff = offset;
                dynSize = size;
                dynstrOff = (long)U64(elf, shoff + (link * shentsize) + 0x18);
            }
            else if (type == ShtGnuVerneed)
            {
                verneedOff = offset;
            }
            else if (type == ShtDynsym)
            {
                dynsymOff = offset;
                dynsymSize = size;
            }
        }

        if (dynOff < 0 || verneedOff < 0 || dynstrOff < 0)
        {
            throw new InvalidDataException("no .dynamic, .dynstr or .gnu.version_r section");
        }

        var changed = MarkVersionWeak(elf, verneedOff, dynstrOff);

        long symbolicEntry = -1, runpathString = -1, flags = 0;
        for (var e = dynOff; e < dynOff + dynSize; e += 16)
        {
            var tag = (long)U64(elf, e);
            var val = (long)U64(elf, e + 8);
            if (tag == DtNull)
            {
                break;
            }

            if (tag == DtNeeded && Str(elf, dynstrOff + val) == CompatName)
            {
                return changed;
            }

            if (tag == DtSymbolic) symbolicEntry = e;
            if (tag == DtRunpath) runpathString = val;
            if (tag == DtFlags) flags = val;
        }

        if (symbolicEntry < 0 || (flags & DfSymbolic) == 0 || runpathString < 0)
        {
            throw new InvalidDataException("unexpected dynamic section (no redundant DT_SYMBOLIC or no DT_RUNPATH); this TorchSharp version needs another fix");
        }

        const string keep = "$ORIGIN/";
        var runpath = Str(elf, dynstrOff + runpathString);
        if (!runpath.StartsWith(keep, StringComparison.Ordinal) || runpath.Length < keep.Length + 1 + CompatName.Length)
        {
            throw new InvalidDataException($"DT_RUNPATH '{runpath}' has no room for the compat library's name");
        }

        var nameOffset = runpathString + keep.Length + 1;
        EnsureNoStringPointsInto(elf, dynstrOff, runpathString + keep.Length, runpathString + runpath.Length, dynOff, dynSize, dynsymOff, dynsymSize);
        var at = dynstrOff + runpathString + keep.Length;
        elf[at] = 0;
        Encoding.ASCII.GetBytes(CompatName).CopyTo(elf, (int)(dynstrOff + nameOffset));
        elf[dynstrOff + nameOffset + CompatName.Length] = 0;
        Put(elf, symbolicEntry, (ulong)DtNeeded, 8);
        Put(elf, symbolicEntry + 8, (ulong)nameOffset, 8);
        Log.LogMessage(MessageImportance.Low, $"EvoPrune: {file}: DT_SYMBOLIC -> DT_NEEDED {CompatName}, RUNPATH -> {keep}");
        return true;
    }

    private static bool MarkVersionWeak(byte[] elf, long verneedOff, long dynstrOff)
    {
        var vn = verneedOff;
        while (true)
        {
            var count = U16(elf, vn + 2);
            var aux = vn + U32(elf, vn + 8);
            for (var j = 0; j < count; j++)
            {
                if (Str(elf, dynstrOff + U32(elf, aux + 8)) == MissingVersion)
                {
                    var flags = U16(elf, aux + 4);
                    if ((flags & VerFlgWeak) != 0)
                    {
                        return false;
                    }

                    Put(elf, aux + 4, (ulong)(flags | VerFlgWeak), 2);
                    return true;
                }

                aux += U32(elf, aux + 12);
            }

            var next = U32(elf, vn + 12);
            if (next == 0)
            {
                throw new InvalidDataException($"no {MissingVersion} requirement in .gnu.version_r");
            }

            vn += next;
        }
    }

    // The linker may share string tails; make sure nothing else names a string inside the bytes we reuse.
    private static void EnsureNoStringPointsInto(byte[] elf, long dynstrOff, long from, long to, long dynOff, long dynSize, long dynsymOff, long dynsymSize)
    {
        for (var e = dynOff; e < dynOff + dynSize; e += 16)
        {
            var tag = (long)U64(elf, e);
            var val = (long)U64(elf, e + 8);
            if ((tag == DtNeeded || tag == 14 /* DT_SONAME */) && val > from && val <= to)
            {
                throw new InvalidDataException("a DT_NEEDED/DT_SONAME string shares the DT_RUNPATH bytes");
            }
        }

        for (var s = dynsymOff; dynsymOff >= 0 && s < dynsymOff + dynsymSize; s += 24)
        {
            var name = U32(elf, s);
            if (name > from && name <= to)
            {
                throw new InvalidDataException("a symbol name shares the DT_RUNPATH bytes");
            }
        }
    }

    private string FindHostLibStdCxx()
    {
        var candidates = new[]
        {
            LibStdCxxOverride,
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6", "/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6",
        };
        foreach (var c in candidates)
        {
            if (!string.IsNullOrEmpty(c) && File.Exists(c))
            {
                return c;
            }
        }

        return null;
    }

    private static bool FileContains(string path, string text)
    {
        var needle = Encoding.ASCII.GetBytes(text + "\0");
        var hay = File.ReadAllBytes(path);
        for (var i = Array.IndexOf(hay, needle[0]); i >= 0 && i <= hay.Length - needle.Length; i = Array.IndexOf(hay, needle[0], i + 1))
        {
            var j = 1;
            while (j < needle.Length && hay[i + j] == needle[j]) j++;
            if (j == needle.Length) return true;
        }

        return false;
    }

    private static string Str(byte[] b, long at)
    {
        var end = Array.IndexOf(b, (byte)0, (int)at);
        return Encoding.ASCII.GetString(b, (int)at, end - (int)at);
    }

    // Little-endian store of the low 'width' bytes of value (the task compiles against netstandard2.0: no spans).
    private static void Put(byte[] b, long at, ulong value, int width)
    {
        for (var i = 0; i < width; i++)
        {
            b[at + i] = (byte)(value >> (8 * i));
        }
    }

    private static ushort U16(byte[] b, long at) => BitConverter.ToUInt16(b, (int)at);
    private static uint U32(byte[] b, long at) => BitConverter.ToUInt32(b, (int)at);
    private static ulong U64(byte[] b, long at) => BitConverter.ToUInt64(b, (int)at);
}
