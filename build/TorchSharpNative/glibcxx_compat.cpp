// Provides std::ios_base_library_init(), which GCC 13's libstdc++ (GLIBCXX_3.4.32) added and which
// TorchSharp's native shim calls while loading. Older libstdc++ (GCC 12, Debian 12) lacks it; this
// definition does what GCC 13's does: it constructs the iostreams once (std::cout, std::cin, ...).
// Built and linked into the build output by TorchSharpNative.targets; never used where the host's
// libstdc++ is new enough.
#include <ios>

namespace std
{
__attribute__((visibility("default"))) void ios_base_library_init()
{
    static ios_base::Init init;
}
}
