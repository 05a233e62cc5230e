# Inputs of the Hail AMI build. CodeBuild (packer/buildspec.yml) sets them from the environment
# variables of the hail-ami stack's project; by hand, pass -var name=value (see readme.md).

variable "hail_version" {
  type        = string
  default     = "0.2.139"
  description = "Hail release installed from PyPI into python3.11 (its jar goes to /usr/lib/hail/hail-all-spark.jar)."
  validation {
    condition     = can(regex("^0\\.2\\.[0-9]+$", var.hail_version))
    error_message = "The hail_version must look like 0.2.139."
  }
}

variable "vep_version" {
  type        = string
  default     = "none"
  description = "Ensembl VEP release to add (e.g. 116), or none."
  validation {
    condition     = can(regex("^(none|[0-9]{2,3})$", var.vep_version))
    error_message = "The vep_version must be none or a release number such as 116."
  }
}

variable "vep_assemblies" {
  type        = string
  default     = "GRCh38"
  description = "Comma-separated human assemblies whose VEP cache, FASTA and Hail config go on the AMI."
  validation {
    condition     = can(regex("^(GRCh37|GRCh38)(,(GRCh37|GRCh38))?$", var.vep_assemblies))
    error_message = "The vep_assemblies must be GRCh37, GRCh38 or GRCh37,GRCh38."
  }
}

variable "vep_image" {
  type        = string
  default     = ""
  description = "Docker image running VEP; empty means ensemblorg/ensembl-vep:release_<vep_version>.0."
}

variable "vep_data_bucket" {
  type        = string
  default     = "hail-vep-pipeline"
  description = "Bucket searched first for vep/cache/homo_sapiens_vep_<v>_<asm>.tar.gz and vep/fasta/; Ensembl's FTP is the fallback."
}

variable "emr_release_label" {
  type        = string
  default     = "emr-7.12.0"
  description = "EMR release the AMI is built for (EMR 7 = Amazon Linux 2023). Recorded in the tags."
  validation {
    condition     = can(regex("^emr-7\\.[0-9]+\\.[0-9]+$", var.emr_release_label))
    error_message = "Custom AMIs built here are for EMR 7.x (emr-7.N.M)."
  }
}

variable "environment_name" {
  type        = string
  default     = "dev"
  description = "hailctl environment; tags the builder instance (the build role may only terminate those) and the AMI."
}

variable "build_id" {
  type        = string
  default     = "manual"
  description = "Identifier of the build (CodeBuild sets $CODEBUILD_BUILD_ID); tag hailctl:build-id."
}

variable "region" {
  type        = string
  default     = "us-east-1"
  description = "Region to build in (the AMI is registered there)."
}

variable "vpc_id" {
  type        = string
  default     = ""
  description = "VPC of the builder instance (empty: the subnet's VPC / the default VPC)."
}

variable "subnet_id" {
  type        = string
  default     = ""
  description = "Subnet of the builder instance (private; Packer connects to its private IP)."
}

variable "security_group_id" {
  type        = string
  default     = ""
  description = "Security group of the builder instance (the hail-ami stack's BuildSecurityGroupId); empty lets Packer create a temporary one."
}

variable "instance_profile_name" {
  type        = string
  default     = ""
  description = "Instance profile of the builder instance (reads the VEP data bucket)."
}

variable "instance_type" {
  type        = string
  default     = "m6i.xlarge"
  description = "Builder instance type (x86_64; EMR nodes built from the AMI must be x86_64 too)."
}

variable "root_volume_size" {
  type        = number
  default     = 0
  description = "Root volume size in GB; 0 picks 30 without VEP and 120 (one assembly) or 200 (two) with VEP."
}

variable "associate_public_ip" {
  type        = bool
  default     = false
  description = "Give the builder a public IP and connect to it (only for builds by hand from outside the VPC)."
}
