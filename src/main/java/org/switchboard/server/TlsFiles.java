package org.switchboard.server;

import java.nio.file.Path;

/**
 * Where the server's TLS certificate comes from: a PEM certificate chain and its key (as Let's Encrypt
 * gives them), or a PKCS12 keystore, or, with neither, a self-signed certificate the server makes once
 * in {@code selfSignedDir}. Immutable; holds no secret (a keystore's password is read from its file, or
 * from the environment variable {@link #PASSWORD_VARIABLE}, when the certificate is loaded).
 *
 * @param certificate the PEM chain, leaf first; null unless {@code key} is given too
 * @param key the PEM private key (PKCS#8 or the traditional RSA/EC forms); null unless {@code certificate} is
 * @param keystore a PKCS12 keystore; null when PEM files or the self-signed certificate serve
 * @param keystorePasswordFile a file whose first line is the keystore's password; null to read the variable
 * @param selfSignedDir the folder of the self-signed certificate (the data folder's {@code tls})
 */
public record TlsFiles(Path certificate, Path key, Path keystore, Path keystorePasswordFile, Path selfSignedDir) {
    public static final String PASSWORD_VARIABLE = "SWITCHBOARD_TLS_KEYSTORE_PASSWORD";

    public TlsFiles {
        if ((certificate == null) != (key == null)) {
            throw new IllegalArgumentException("a TLS certificate needs its key: give both --tls-cert and --tls-key");
        }
        if (keystore != null && certificate != null) {
            throw new IllegalArgumentException("give either --tls-cert and --tls-key, or --tls-keystore, not both");
        }
        if (keystorePasswordFile != null && keystore == null) {
            throw new IllegalArgumentException("--tls-keystore-password-file needs --tls-keystore");
        }
    }

    /** The self-signed certificate in {@code dir}, made there when it is not there yet. */
    public static TlsFiles selfSigned(Path dir) {
        return new TlsFiles(null, null, null, null, dir);
    }

    /** The same files, the self-signed one in another folder. */
    TlsFiles inDir(Path dir) {
        return new TlsFiles(certificate, key, keystore, keystorePasswordFile, dir);
    }

    /** What the operator sees: "self-signed (data/tls)", "fullchain.pem", "server.p12". */
    public String describe() {
        if (certificate != null) {
            return certificate.toString();
        }
        if (keystore != null) {
            return keystore.toString();
        }
        return "self-signed, in " + selfSignedDir;
    }
}
