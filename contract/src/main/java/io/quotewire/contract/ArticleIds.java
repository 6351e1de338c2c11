package io.quotewire.contract;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The article identity of the {@code articles} topic: ingest-service derives every article's id this way, and a
 * consumer derives it so for a record written without one (the fixture {@code article-ids.json} pins it down):
 * <ul>
 * <li>with a URL: {@code id = hex(sha256("url:" + canonical(url)))[0..32]}, where the canonical URL
 * has scheme {@code https}, a lower-case host without {@code www.}, no default port, no fragment, no
 * tracking parameters ({@code utm_*}, {@code fbclid}, {@code gclid}, ...), the remaining query
 * parameters sorted, and no trailing slash;</li>
 * <li>without: {@code id = hex(sha256("text:" + normalised(text)))[0..32]}, where the normalised text
 * is NFC with every run of white space (ASCII white space and Unicode space separators such as
 * no-break space) made one space, trimmed.</li>
 * </ul>
 */
public final class ArticleIds {

    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Z}]+");
    private static final Pattern TRACKING = Pattern.compile(
            "utm_[a-z_]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga|igshid|ocid|cmpid|smid");

    private ArticleIds() {
    }

    public static String articleId(String url, String text) {
        return url != null ? sha256Hex("url:" + canonicalUrl(url)).substring(0, 32)
                : sha256Hex("text:" + normalisedText(text)).substring(0, 32);
    }

    /**
     * The id of a record that may carry any {@code url}: by the URL when it is an http(s) URL, else by the text
     * (what a consumer does for a record of another producer, whose URL may be anything).
     */
    public static String idOf(String url, String text) {
        try {
            return articleId(url, text);
        } catch (IllegalArgumentException e) {
            return articleId(null, text);
        }
    }

    /** The first 16 hex digits of {@link #contentHash}: a revision of the article's text. */
    public static String revision(String text) {
        return contentHash(text).substring(0, 16);
    }

    public static String contentHash(String text) {
        return sha256Hex(normalisedText(text));
    }

    public static String normalisedText(String text) {
        return WHITESPACE.matcher(Normalizer.normalize(text, Normalizer.Form.NFC)).replaceAll(" ").trim();
    }

    /** The canonical form of an absolute http(s) URL; IllegalArgumentException for anything else. */
    public static String canonicalUrl(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("not an absolute http(s) URL");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("www.")) {
            host = host.substring(4);
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || port == 80 || port == 443;
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        List<String> params = new ArrayList<>();
        if (uri.getRawQuery() != null) {
            for (String param : uri.getRawQuery().split("&")) {
                String name = param.split("=", 2)[0].toLowerCase(Locale.ROOT);
                if (!param.isEmpty() && !TRACKING.matcher(name).matches()) {
                    params.add(param);
                }
            }
        }
        params.sort(null);
        return "https://" + host + (defaultPort ? "" : ":" + port) + path
                + (params.isEmpty() ? "" : "?" + String.join("&", params));
    }

    private static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
