package io.hailctl.aws;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;

/** Turns SDK exceptions into one clear line with the right exit code; the SDK's stack stays for -v. */
public final class AwsFailures {
    private static final Set<String> ACCESS_CODES = Set.of(
            "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AuthFailure",
            "ExpiredToken", "ExpiredTokenException", "InvalidClientTokenId", "UnrecognizedClientException",
            "SignatureDoesNotMatch", "InvalidAccessKeyId", "InvalidToken", "MissingAuthenticationToken",
            "OptInRequired");

    /** Temporary credentials that ran out (SSO, assumed role, session token): access ends mid-run. */
    private static final Set<String> EXPIRED_CODES = Set.of("ExpiredToken", "ExpiredTokenException", "TokenRefreshRequired");

    private AwsFailures() {
    }

    public static Optional<HailctlException> translate(Throwable t) {
        if (t instanceof AwsServiceException e) {
            String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? ""
                    : e.awsErrorDetails().errorCode();
            String service = e.awsErrorDetails() == null ? "AWS" : e.awsErrorDetails().serviceName();
            String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
            String line = service + ": " + (code.isEmpty() ? "HTTP " + e.statusCode() + ": " : code + ": ")
                    + (message == null || message.isBlank() ? "no error message" : oneLine(message));
            if (EXPIRED_CODES.contains(code)) {
                return Optional.of(new HailctlException(ExitCode.AWS_ACCESS, line,
                        "The AWS credentials expired: refresh them (`aws sso login --profile PROFILE` for SSO, or new "
                                + "session credentials), then re-run the same command; it attaches to what is still running.", e));
            }
            if (ACCESS_CODES.contains(code)) {
                return Optional.of(new HailctlException(ExitCode.AWS_ACCESS, line,
                        "Check the AWS profile and its permissions (hailctl uses --profile/AWS_PROFILE).", e));
            }
            return Optional.of(new HailctlException(ExitCode.FAILED, line, null, e));
        }
        if (t instanceof SdkClientException e) {
            Throwable network = networkCause(e);
            if (network != null) {
                String what = network instanceof UnknownHostException ? "unknown host " + network.getMessage()
                        : network instanceof SocketTimeoutException ? "timed out"
                        : oneLine(network.getMessage());
                return Optional.of(new HailctlException(ExitCode.AWS_ACCESS,
                        "Cannot reach the AWS endpoint" + endpointOf(e) + " (" + what + ")",
                        "Check the network, --endpoint-url/AWS_ENDPOINT_URL, or `hailctl local status` for the emulator.", e));
            }
            String msg = oneLine(e.getMessage());
            if (msg.contains("expired") && (msg.contains("SSO") || msg.contains("token") || msg.contains("credentials"))) {
                // e.g. the SSO provider's "The SSO session associated with this profile has expired".
                return Optional.of(new HailctlException(ExitCode.AWS_ACCESS, msg,
                        "Refresh the credentials (`aws sso login --profile PROFILE` for SSO), then re-run the same command.", e));
            }
            if (msg.contains("credentials")) {
                return Optional.of(new HailctlException(ExitCode.AWS_ACCESS, msg, null, e));
            }
            return Optional.of(new HailctlException(ExitCode.FAILED, "AWS SDK: " + msg, null, e));
        }
        return Optional.empty();
    }

    /** Marks a network failure with the endpoint it could not reach ({@link EndpointInFailures}). */
    static SdkClientException unreachable(String endpoint, Throwable cause) {
        return SdkClientException.create(UNREACHABLE + endpoint, cause);
    }

    private static final String UNREACHABLE = "Cannot reach ";

    private static String endpointOf(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SdkClientException && c.getMessage() != null && c.getMessage().startsWith(UNREACHABLE)) {
                return " " + c.getMessage().substring(UNREACHABLE.length());
            }
        }
        return "";
    }

    static Throwable networkCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConnectException || c instanceof UnknownHostException
                    || c instanceof NoRouteToHostException || c instanceof SocketTimeoutException) {
                return c;
            }
        }
        return null;
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
