/**
 * {@code hailctl.yaml}: the model (records), loading with flag &gt; environment &gt; file precedence,
 * validation that reports every problem with file, line, field, value and rule, the starter file
 * {@code hailctl init} writes, and text edits of the users list that keep comments and layout.
 *
 * <p>Nothing here talks to AWS or the terminal: the CLI renders {@link io.hailctl.config.ConfigException}
 * problems, and AWS-side checks (the subnet is in the VPC, the AMI exists) are preflight's job.
 */
package io.hailctl.config;
