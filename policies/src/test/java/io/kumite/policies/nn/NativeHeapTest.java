package io.kumite.policies.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Structure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NativeHeapTest {

    @Test
    void leavesAUsersOwnMallocSettingsAlone() {
        assertTrue(NativeHeap.userChoseMalloc(Map.of("MALLOC_TRIM_THRESHOLD_", "131072")));
        assertTrue(NativeHeap.userChoseMalloc(Map.of("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1:glibc.malloc.mmap_max=0")));
        assertFalse(NativeHeap.userChoseMalloc(Map.of("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1")));
        assertFalse(NativeHeap.userChoseMalloc(Map.of("MALLOC_ARENA_MAX", "2")));
        assertFalse(NativeHeap.userChoseMalloc(Map.of("PATH", "/usr/bin")));
        assertFalse(NativeHeap.apply(Map.of("MALLOC_MMAP_MAX_", "65536"), ""));
        assertFalse(NativeHeap.apply(Map.of(), "default"));
    }

    /** glibc's struct mallinfo2 (2.33+): hblkhd is the bytes malloc holds in mmap'd chunks, over all arenas. */
    public static class MallInfo2 extends Structure implements Structure.ByValue {
        public long arena, ordblks, smblks, hblks, hblkhd, usmblks, fsmblks, uordblks, fordblks, keepcost;

        @Override
        protected List<String> getFieldOrder() {
            return List.of("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
                    "fordblks", "keepcost");
        }
    }

    @Test
    void aMinibatchSizedBufferComesFromTheHeapNotAFreshMapping() {
        assumeTrue(Platform.isLinux(), "glibc's mallopt is Linux-only");
        Function mallinfo2;
        try {
            mallinfo2 = NativeLibrary.getInstance(Platform.C_LIBRARY_NAME).getFunction("mallinfo2");
        } catch (UnsatisfiedLinkError e) {
            assumeTrue(false, "no glibc 2.33+ here: " + e.getMessage());
            return;
        }
        assertTrue(NativeHeap.apply(Map.of(), ""), "glibc's mallopt refused M_MMAP_MAX / M_TRIM_THRESHOLD");
        long size = 38L << 20; // one PPO minibatch: 1024 x 4 x 48 x 48 floats
        long mappedBefore = ((MallInfo2) mallinfo2.invoke(MallInfo2.class, new Object[0])).hblkhd;
        long block = Native.malloc(size);
        try {
            assertTrue(block != 0);
            long mappedDuring = ((MallInfo2) mallinfo2.invoke(MallInfo2.class, new Object[0])).hblkhd;
            assertEquals(mappedBefore, mappedDuring, "a 38 MB malloc was served by mmap");
        } finally {
            Native.free(block);
        }
    }
}
