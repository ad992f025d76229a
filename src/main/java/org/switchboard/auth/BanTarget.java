package org.switchboard.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.switchboard.protocol.Names;

/**
 * Whom a ban is about: a user name (matched regardless of case), or a network, one address (IPv4 or
 * IPv6) or a CIDR range of them. What looks like an address is one: a dotted quad, anything with a
 * {@code :} (IPv6) or a {@code /} (a range); names never have a colon or a slash. Immutable.
 */
public sealed interface BanTarget {
    Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    /** The target as written in bans.txt, the operator's answers and the panel: {@code dina}, {@code 10.0.0.0/8}. */
    String text();

    /** Bans on one user name. */
    record Name(String name) implements BanTarget {
        public Name {
            Objects.requireNonNull(name);
        }

        public boolean matches(String other) {
            return other != null && Names.key(other).equals(Names.key(name));
        }

        @Override
        public String text() {
            return name;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Name that && that.matches(name);
        }

        @Override
        public int hashCode() {
            return Names.key(name).hashCode();
        }
    }

    /** Bans on a network: {@code prefix} leading bits of {@code base} (32 or 128 for one address). */
    record Network(InetAddress base, int prefix) implements BanTarget {
        public Network {
            Objects.requireNonNull(base);
            if (prefix < 0 || prefix > base.getAddress().length * 8) {
                throw new IllegalArgumentException("bad prefix " + prefix);
            }
        }

        /** Whether {@code address} is in the network (an IPv4 address is never in an IPv6 one). */
        public boolean matches(InetAddress address) {
            byte[] ours = base.getAddress();
            byte[] theirs = address.getAddress();
            if (ours.length != theirs.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((ours[bit / 8] & mask) != (theirs[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String text() {
            String address = base.getHostAddress();
            return prefix == base.getAddress().length * 8 ? address : address + "/" + prefix;
        }
    }

    /**
     * Reads what the operator typed: {@code dina}, {@code 127.0.0.5}, {@code 10.0.0.0/8}, {@code ::1},
     * {@code 2001:db8::/32}. A range's host bits are cleared ({@code 10.1.2.3/8} is {@code 10.0.0.0/8}).
     *
     * @throws IllegalArgumentException saying what is wrong, in a sentence for the operator
     */
    static BanTarget parse(String text) {
        String typed = text.strip();
        if (typed.contains(":") || typed.contains("/") || IPV4.matcher(typed).matches()) {
            return network(typed);
        }
        Optional<Names.Problem> problem = Names.check(typed).filter(p -> p != Names.Problem.RESERVED);
        if (problem.isPresent()) {
            throw new IllegalArgumentException("'" + typed + "' is neither a name nor an address: "
                    + problem.get().message(typed));
        }
        return new Name(typed);
    }

    private static Network network(String typed) {
        int slash = typed.indexOf('/');
        String address = slash < 0 ? typed : typed.substring(0, slash);
        boolean v4 = IPV4.matcher(address).matches();
        if (!v4 && !(address.contains(":") && IPV6.matcher(address).matches())) {
            throw new IllegalArgumentException("'" + typed + "' is not an address: an IPv4 one is four numbers"
                    + " 0-255 with dots (10.0.0.5), an IPv6 one hex groups with colons (::1), a range ends in /BITS");
        }
        if (v4) {
            for (String part : address.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    throw new IllegalArgumentException("'" + typed + "' is not an address: " + part
                            + " is over 255");
                }
            }
        }
        byte[] bytes;
        try {
            // a literal only, as checked above: no name is ever looked up
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + typed + "' is not an address");
        }
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String length = typed.substring(slash + 1);
            if (!length.matches("\\d{1,3}") || Integer.parseInt(length) > bits) {
                throw new IllegalArgumentException("'" + typed + "': a range ends in /BITS, BITS from 0 to " + bits);
            }
            prefix = Integer.parseInt(length);
        }
        for (int bit = prefix; bit < bits; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return new Network(InetAddress.getByAddress(bytes), prefix);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four or sixteen bytes always make an address
        }
    }
}
