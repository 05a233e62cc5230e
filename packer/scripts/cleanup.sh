#!/usr/bin/env bash
# Last step before the snapshot: nothing instance-specific or secret stays on the AMI.
set -euo pipefail
echo "== cleanup"
dnf clean all -q
rm -rf /tmp/hail-files /tmp/hail-requirements.txt /var/tmp/* /root/.cache /home/ec2-user/.cache
rm -f /root/.bash_history /home/ec2-user/.bash_history
# Packer's temporary key: instances launched from the AMI get their own keys (or none, with SSM).
rm -f /home/ec2-user/.ssh/authorized_keys /root/.ssh/authorized_keys
# Instance data, logs and host keys are recreated by cloud-init on first boot.
cloud-init clean --logs
rm -f /etc/ssh/ssh_host_*
find /var/log -type f -name '*.log' -exec truncate -s 0 {} +
echo "cleanup: done"
