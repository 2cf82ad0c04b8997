package dev.realtimehub.bench.loadgen;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Spreads outgoing connections over the loopback addresses 127.0.0.1, 127.0.0.2, …: binding a socket before connecting
 * takes an ephemeral port of its source address, and one address has only about 28,000 of them, so tens of thousands
 * of connections to one server port need several source addresses. All of 127.0.0.0/8 is local on Linux.
 *
 * <p>Immutable and thread-safe.
 */
final class SourceAddresses {

    private final InetSocketAddress[] addresses;

    /**
     * @param count how many addresses to use (0: let the kernel choose, as for a remote server)
     * @param offset the first one is 127.0.0.(1 + offset % 254)
     * @param remoteIsLoopback source addresses only make sense towards a loopback server
     */
    SourceAddresses(int count, int offset, boolean remoteIsLoopback) {
        if (count == 0 || !remoteIsLoopback) {
            this.addresses = new InetSocketAddress[0];
            return;
        }
        this.addresses = new InetSocketAddress[count];
        for (int i = 0; i < count; i++) {
            int last = 1 + (offset + i) % 254;
            try {
                addresses[i] = new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last}), 0);
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The local address for the {@code i}-th connection, or {@code null} for the kernel's choice. */
    InetSocketAddress forConnection(int i) {
        return addresses.length == 0 ? null : addresses[i % addresses.length];
    }
}
