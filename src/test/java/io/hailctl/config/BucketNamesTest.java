package io.hailctl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BucketNamesTest {
    @ParameterizedTest
    @ValueSource(strings = {"abc", "my-hail-bucket", "my.hail.bucket", "123", "a1-b2.c3",
            "a23456789012345678901234567890123456789012345678901234567890123", "xn-bucket", "s3alias-bucket",
            "1.2.3", "1.2.3.4.5"})
    void validNames(String name) {
        assertEquals(Optional.empty(), BucketNames.violation(name));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ab                      | bucket names are 3 to 63 characters
            ''                      | bucket names are 3 to 63 characters
            a234567890123456789012345678901234567890123456789012345678901234 | bucket names are 3 to 63 characters
            My_Bucket               | bucket names use only lowercase letters, digits, dots and hyphens
            my_bucket               | bucket names use only lowercase letters, digits, dots and hyphens
            my bucket               | bucket names use only lowercase letters, digits, dots and hyphens
            MYBUCKET                | bucket names use only lowercase letters, digits, dots and hyphens
            -bucket                 | bucket names start and end with a lowercase letter or digit
            bucket-                 | bucket names start and end with a lowercase letter or digit
            .bucket                 | bucket names start and end with a lowercase letter or digit
            bucket.                 | bucket names start and end with a lowercase letter or digit
            my..bucket              | bucket names must not contain two adjacent periods
            192.168.5.4             | bucket names must not be formatted as an IP address
            10.0.0.1                | bucket names must not be formatted as an IP address
            xn--bucket              | bucket names must not start with "xn--" (reserved by S3)
            sthree-bucket           | bucket names must not start with "sthree-" (reserved by S3)
            amzn-s3-demo-bucket     | bucket names must not start with "amzn-s3-demo-" (reserved by S3)
            bucket-s3alias          | bucket names must not end with "-s3alias" (reserved by S3)
            bucket--ol-s3           | bucket names must not end with "--ol-s3" (reserved by S3)
            bucket.mrap             | bucket names must not end with ".mrap" (reserved by S3)
            bucket--x-s3            | bucket names must not end with "--x-s3" (reserved by S3)
            bucket--table-s3        | bucket names must not end with "--table-s3" (reserved by S3)
            """)
    void invalidNames(String name, String rule) {
        assertEquals(Optional.of(rule), BucketNames.violation(name));
    }
}
