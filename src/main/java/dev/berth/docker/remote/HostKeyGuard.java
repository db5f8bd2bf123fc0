package dev.berth.docker.remote;

import java.io.IOException;
import java.net.SocketAddress;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.signature.Signature;

/**
 * Checks every server's host key against known_hosts before anything else is sent, and lets the key
 * exchange prefer the key types known_hosts holds for the host (as OpenSSH does), so a host known by
 * its RSA key is not reported unknown because it also has an Ed25519 key.
 *
 * <p>The host being checked is the one Berth meant to reach ({@link #TARGET} in the connection
 * context), not the socket address: through a jump host the socket is a local forwarding port.
 */
final class HostKeyGuard implements ServerKeyVerifier, SessionListener {
    /** The host a connection is for. */
    static final AttributeRepository.AttributeKey<RemoteHost> TARGET = new AttributeRepository.AttributeKey<>();
    /**
     * Where the guard puts why it refused the host key, for the code that waits on the connection.
     * It lives in the connection context: MINA clears the session's own attributes when the failed
     * key exchange closes it, which can happen before the waiting code looks.
     */
    static final AttributeRepository.AttributeKey<AtomicReference<RemoteHostException>> REFUSAL =
            new AttributeRepository.AttributeKey<>();

    /** The connection context for a connection to {@code host}. */
    static AttributeRepository context(RemoteHost host) {
        return AttributeRepository.ofAttributesMap(Map.of(TARGET, host, REFUSAL, new AtomicReference<>()));
    }

    /** Why the host key of {@code session}'s server was refused, if it was. */
    static RemoteHostException refusal(ClientSession session) {
        AttributeRepository context = session.getConnectionContext();
        AtomicReference<RemoteHostException> r = context == null ? null : context.getAttribute(REFUSAL);
        return r == null ? null : r.get();
    }

    private final KnownHosts knownHosts;

    HostKeyGuard(KnownHosts knownHosts) {
        this.knownHosts = knownHosts;
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
        RemoteHost host = target(session);
        if (host == null) {
            return false; // a connection Berth did not start: never trust it
        }
        String type = KnownHosts.keyType(serverKey);
        String fingerprint = KnownHosts.fingerprint(serverKey);
        RemoteHostException refusal;
        try {
            refusal = switch (knownHosts.check(host.host(), host.port(), serverKey)) {
                case KnownHosts.Verdict.Trusted t -> null;
                case KnownHosts.Verdict.Unknown u ->
                    new UnknownHostKeyException(host, serverKey, type, fingerprint, u.otherTypes(), knownHosts.file());
                case KnownHosts.Verdict.Changed c ->
                    new ChangedHostKeyException(
                            host,
                            serverKey,
                            type,
                            c.knownFingerprint(),
                            fingerprint,
                            knownHosts.file(),
                            c.line(),
                            "the " + type + " host key");
                case KnownHosts.Verdict.Revoked r ->
                    new RemoteHostException(
                            host,
                            RemoteHostException.Failure.HOST_KEY_CHANGED,
                            "WARNING: " + host.knownHostsName() + " presented the " + type + " host key " + fingerprint
                                    + ", which line " + r.line() + " of " + knownHosts.file() + " marks as revoked."
                                    + " Nothing was sent to the server; ask its administrator.",
                            null);
            };
        } catch (IOException e) {
            refusal = new RemoteHostException(
                    host,
                    RemoteHostException.Failure.HOST_KEY_UNKNOWN,
                    "Could not read " + knownHosts.file() + " to check the host key of " + host.knownHostsName() + ": "
                            + e.getMessage() + ". Nothing was sent to the server; fix the file's permissions.",
                    e);
        }
        if (refusal != null) {
            AtomicReference<RemoteHostException> holder =
                    session.getConnectionContext().getAttribute(REFUSAL);
            if (holder != null) {
                holder.set(refusal);
            }
            return false;
        }
        return true;
    }

    @Override
    public void sessionCreated(Session session) {
        if (!(session instanceof ClientSession cs)) {
            return;
        }
        RemoteHost host = target(cs);
        if (host == null) {
            return;
        }
        List<String> known = knownHosts.knownTypes(host.host(), host.port());
        if (known.isEmpty()) {
            return;
        }
        List<NamedFactory<Signature>> first = new ArrayList<>();
        List<NamedFactory<Signature>> rest = new ArrayList<>();
        for (NamedFactory<Signature> f : cs.getSignatureFactories()) {
            (known.contains(keyTypeOf(f.getName())) ? first : rest).add(f);
        }
        first.addAll(rest);
        cs.setSignatureFactories(first);
    }

    /** The key type a host key signature algorithm belongs to. */
    static String keyTypeOf(String algorithm) {
        return algorithm.startsWith("rsa-sha2-") ? "ssh-rsa" : algorithm;
    }

    private static RemoteHost target(ClientSession session) {
        AttributeRepository context = session.getConnectionContext();
        return context == null ? null : context.getAttribute(TARGET);
    }
}
