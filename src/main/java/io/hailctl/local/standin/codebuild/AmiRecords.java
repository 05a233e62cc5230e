package io.hailctl.local.standin.codebuild;

import java.util.Map;
import java.util.Optional;

/** The emulator's EC2 images and SSM parameters, as the stand-in's publish step writes them (implemented in aws). */
public interface AmiRecords {
    /** The image owned by the account that carries this tag, if any. */
    Optional<String> imageTagged(String key, String value);

    /** Registers an image (no instance, no snapshot: the emulator's record of an AMI); returns its id. */
    String register(String name, String description);

    void tag(String imageId, Map<String, String> tags);

    /** An SSM String parameter of data type aws:ec2:image, overwritten. */
    void putImageParameter(String name, String imageId, String description);
}
