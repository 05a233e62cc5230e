package io.hailctl.testing;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * IAM in moto with its enforcement on (tests only): the administrator a test deploys with, moto's
 * enforcement switch, and the workaround for CloudFormation-created inline role policies.
 */
public final class MotoIam {
    /** The requests {@link #createAdministrator} makes: start moto with INITIAL_NO_AUTH_ACTION_COUNT set to this. */
    public static final int ADMIN_SET_UP_CALLS = 3;

    private static final String ADMIN_POLICY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";

    private MotoIam() {
    }

    public record Key(String id, String secret) {
    }

    /**
     * An IAM user with an allow-everything inline policy (AdministratorAccess's document) and its
     * access key, in exactly {@link #ADMIN_SET_UP_CALLS} requests, made while moto still lets
     * requests through unchecked.
     */
    public static Key createAdministrator(URI endpoint, String name) {
        try (IamClient iam = client(endpoint, new Key("test", "test"))) {
            iam.createUser(r -> r.userName(name));
            iam.putUserPolicy(r -> r.userName(name).policyName("administrator").policyDocument(ADMIN_POLICY));
            AccessKey key = iam.createAccessKey(r -> r.userName(name)).accessKey();
            return new Key(key.accessKeyId(), key.secretAccessKey());
        }
    }

    public static IamClient client(URI endpoint, Key key) {
        return IamClient.builder().endpointOverride(endpoint).region(Region.of(Moto.REGION))
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key.id(), key.secret())))
                .build();
    }

    /**
     * Emulator workaround: moto 5.2.5 keeps the inline {@code Policies} of a role created by
     * CloudFormation as a Python dict (moto/iam/models.py:793-794), where a role's policies made
     * through IAM's API are JSON text; its enforcement then fails on them with HTTP 500
     * (moto/iam/access_control.py:430, {@code policy["policy_document"]}: KeyError), and GetRolePolicy
     * answers the dict's Python repr. Each policy is re-put through IAM's own PutRolePolicy with the
     * same document as JSON — what AWS stores. The repr becomes JSON by swapping quotes, which is
     * exact for documents without quote characters, booleans or nulls; anything else is refused.
     */
    public static void storeInlinePoliciesAsJson(IamClient iam, String role) {
        for (String name : iam.listRolePolicies(r -> r.roleName(role)).policyNames()) {
            String stored = URLDecoder.decode(iam.getRolePolicy(r -> r.roleName(role).policyName(name)).policyDocument(),
                    StandardCharsets.UTF_8);
            String json;
            if (stored.startsWith("{\"")) {
                json = stored;
            } else if (stored.startsWith("{'") && !stored.contains("\"") && !stored.matches("(?s).*[:,\\[]\\s*(True|False|None)\\b.*")) {
                json = stored.replace('\'', '"');
            } else {
                throw new IllegalStateException("role " + role + " policy " + name + " is neither JSON nor a plain repr: " + stored);
            }
            iam.putRolePolicy(r -> r.roleName(role).policyName(name).policyDocument(json));
        }
    }

    /** moto's enforcement switch (its /moto-api/reset-auth): on checks every request from now on, off none. */
    public static void enforcement(URI endpoint, boolean on) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint + "/moto-api/reset-auth"))
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString(on ? "0" : "inf")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("moto reset-auth answered HTTP " + r.statusCode() + ": " + r.body());
        }
    }
}
