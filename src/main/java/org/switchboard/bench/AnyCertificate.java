package org.switchboard.bench;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The bench's TLS: any certificate is taken. The bench measures a server on this machine (it refuses
 * any other address); whom it talks to is not in question, and a self-signed test certificate must do.
 * TLS 1.2 and 1.3, as the JDK negotiates them.
 */
final class AnyCertificate {
    private AnyCertificate() {
    }

    static SSLContext context() throws IOException {
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                // the bench is the client
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                // taken: see the class comment
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustAll}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }
}
