package io.hailctl.security;

import io.hailctl.testing.Listeners;
import io.hailctl.testing.Moto;
import io.hailctl.testing.MotoExtension;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The emulator accepts any credentials, so it must listen on loopback only. The server started
 * here is started by the same {@code MotoServer.start} as `hailctl local up` (whose own socket
 * LocalEmulatorIT checks the same way).
 */
@ExtendWith(MotoExtension.class)
class LoopbackOnlyIT {

    @Test
    void theEmulatorListensOn127001Only(Moto moto) throws Exception {
        Assumptions.assumeTrue(Listeners.available(), "needs /proc/net/tcp (Linux)");
        assertEquals(List.of("127.0.0.1"), Listeners.on(moto.endpoint().getPort()));
    }

    @Test
    void socketTableAddressesAreReadAsTheKernelWritesThem() {
        assertEquals("127.0.0.1", Listeners.address("0100007F"));
        assertEquals("0.0.0.0", Listeners.address("00000000"));
        assertEquals("::", Listeners.address("00000000000000000000000000000000"));
    }
}
