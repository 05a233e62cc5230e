# Hail AMI for Amazon EMR 7 (Amazon Linux 2023): the pinned Hail wheel in python3.11, its jar at
# /usr/lib/hail/hail-all-spark.jar, and optionally Ensembl VEP (Docker image + cache) with Hail
# hl.vep configs in /opt/vep. See readme.md. Variables: variables.pkr.hcl.

packer {
  required_version = ">= 1.10.0"
  required_plugins {
    amazon = {
      # Pinned: scripts/install-packer builds the same version for `packer validate`.
      version = "= 1.8.0"
      source  = "github.com/hashicorp/amazon"
    }
  }
}

locals {
  vep_image      = var.vep_image != "" ? var.vep_image : "ensemblorg/ensembl-vep:release_${var.vep_version}.0"
  vep_assemblies = var.vep_version == "none" ? 0 : length(split(",", var.vep_assemblies))
  root_volume    = var.root_volume_size > 0 ? var.root_volume_size : (local.vep_assemblies == 0 ? 30 : (local.vep_assemblies == 1 ? 100 : 150))
  stamp          = formatdate("YYYYMMDDhhmmss", timestamp())
  ami_name       = "hail-${var.hail_version}-vep-${var.vep_version}-${var.emr_release_label}-${local.stamp}"

  common_tags = {
    "managed-by"          = "hailctl"
    "hailctl:environment" = var.environment_name
    "hailctl:build-id"    = var.build_id
  }
  ami_tags = merge(local.common_tags, {
    "Name"           = local.ami_name
    "hail-version"   = var.hail_version
    "vep-version"    = var.vep_version
    "vep-assemblies" = var.vep_version == "none" ? "none" : var.vep_assemblies
    "emr-release"    = var.emr_release_label
    "packer-version" = packer.version
    "source-ami"     = "{{ .SourceAMIName }}"
    "base-os"        = "al2023"
    "hail-jar"       = "/usr/lib/hail/hail-all-spark.jar"
    "hail-python"    = "/usr/bin/python3.11"
  })
}

source "amazon-ebs" "hail" {
  region        = var.region
  instance_type = var.instance_type

  # EMR 7 custom AMIs must be based on Amazon Linux 2023 (x86_64 here).
  source_ami_filter {
    filters = {
      name                = "al2023-ami-2023.*-kernel-*-x86_64"
      architecture        = "x86_64"
      virtualization-type = "hvm"
      root-device-type    = "ebs"
    }
    owners      = ["amazon"]
    most_recent = true
  }

  vpc_id                      = var.vpc_id
  subnet_id                   = var.subnet_id
  security_group_id           = var.security_group_id != "" ? var.security_group_id : null
  iam_instance_profile        = var.instance_profile_name
  associate_public_ip_address = var.associate_public_ip
  ssh_interface               = var.associate_public_ip ? "public_ip" : "private_ip"
  ssh_username                = "ec2-user"
  ssh_timeout                 = "15m"

  # IMDSv2 only, on the builder and (imds_support) on instances launched from the AMI.
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 2
  }
  imds_support = "v2.0"

  launch_block_device_mappings {
    device_name           = "/dev/xvda"
    volume_size           = local.root_volume
    volume_type           = "gp3"
    delete_on_termination = true
  }

  ami_name        = local.ami_name
  ami_description = "Hail ${var.hail_version} (python3.11), VEP ${var.vep_version}, for ${var.emr_release_label} - hailctl ${var.environment_name}"
  tags            = local.ami_tags
  snapshot_tags   = local.ami_tags
  run_tags        = merge(local.common_tags, { "Name" = "packer-${local.ami_name}" })
  run_volume_tags = local.common_tags

  # Registering a large AMI can take a long time.
  aws_polling {
    delay_seconds = 30
    max_attempts  = 240
  }
}

build {
  name    = "hail"
  sources = ["source.amazon-ebs.hail"]

  provisioner "shell" {
    execute_command = "chmod +x {{ .Path }}; sudo -E {{ .Vars }} {{ .Path }}"
    script          = "scripts/install-base.sh"
  }

  provisioner "shell" {
    execute_command  = "chmod +x {{ .Path }}; sudo -E {{ .Vars }} {{ .Path }}"
    environment_vars = ["HAIL_VERSION=${var.hail_version}"]
    script           = "scripts/install-hail.sh"
  }

  provisioner "file" {
    source      = "files/"
    destination = "/tmp/hail-files"
  }

  provisioner "shell" {
    execute_command = "chmod +x {{ .Path }}; sudo -E {{ .Vars }} {{ .Path }}"
    environment_vars = [
      "VEP_VERSION=${var.vep_version}",
      "VEP_ASSEMBLIES=${var.vep_assemblies}",
      "VEP_IMAGE=${local.vep_image}",
      "VEP_DATA_BUCKET=${var.vep_data_bucket}",
      "AWS_DEFAULT_REGION=${var.region}",
    ]
    script = "scripts/install-vep.sh"
  }

  provisioner "shell" {
    execute_command = "chmod +x {{ .Path }}; sudo -E {{ .Vars }} {{ .Path }}"
    script          = "scripts/cleanup.sh"
  }

  # packer-manifest.json: buildspec.yml's post_build reads the AMI id from here.
  post-processor "manifest" {
    output     = "packer-manifest.json"
    strip_path = true
    custom_data = {
      ami_name          = local.ami_name
      hail_version      = var.hail_version
      vep_version       = var.vep_version
      vep_assemblies    = var.vep_assemblies
      emr_release_label = var.emr_release_label
      environment_name  = var.environment_name
      build_id          = var.build_id
    }
  }
}
