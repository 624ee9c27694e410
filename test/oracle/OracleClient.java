// The oracle's Java client: for each line "id<TAB>port<TAB>host<TAB>caFile<TAB>proxyHost:port|-" it
// opens a TLS connection the way a Java service does (PKIX, HTTPS endpoint identification) with a
// trust store holding only the certificates in caFile, and prints "id<TAB>ok|fail<TAB>detail".
import java.io.*;
import java.net.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.security.KeyStore;
import java.security.cert.*;
import java.util.*;
import java.util.concurrent.*;
import javax.net.ssl.*;

public class OracleClient {
    public static void main(String[] args) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<String>> results = new ArrayList<>();
        for (String row : lines) {
            if (row.isBlank()) continue;
            results.add(pool.submit(() -> check(row.split("\t"))));
        }
        for (Future<String> f : results) System.out.println(f.get());
        pool.shutdown();
    }

    static String check(String[] f) {
        String id = f[0], host = f[2], caFile = f[3], proxy = f[4];
        int port = Integer.parseInt(f[1]);
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int n = 0;
            try (InputStream in = new FileInputStream(caFile)) {
                for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) trust.setCertificateEntry("anchor" + n++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            Socket raw;
            if (proxy.equals("-")) {
                raw = new Socket();
                raw.connect(new InetSocketAddress("127.0.0.1", port), 15000);
            } else {
                String[] p = proxy.split(":");
                raw = new Socket();
                raw.connect(new InetSocketAddress(p[0], Integer.parseInt(p[1])), 15000);
                OutputStream o = raw.getOutputStream();
                o.write(("CONNECT " + host + ":" + port + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                o.flush();
                InputStream i = raw.getInputStream();
                String head = "";
                while (!head.endsWith("\r\n\r\n")) {
                    int b = i.read();
                    if (b < 0) throw new IOException("proxy closed");
                    head += (char) b;
                }
            }
            raw.setSoTimeout(15000);
            try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(raw, host, port, true)) {
                SSLParameters params = s.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                s.setSSLParameters(params);
                s.startHandshake();
                return id + "\tok\t" + s.getSession().getProtocol();
            }
        } catch (Exception e) {
            Throwable t = e;
            while (t.getCause() != null) t = t.getCause();
            return id + "\tfail\t" + (t.getClass().getSimpleName() + ": " + t.getMessage()).replace('\t', ' ').replace('\n', ' ');
        }
    }
}
