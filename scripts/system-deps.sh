#!/usr/bin/env bash
# Install the few Debian packages that a fresh machine lacks and the build needs:
# python3-venv (Debian splits venv out of python3) and gettext (compiles translations).
set -euo pipefail
missing=()
python3 -c 'import ensurepip, venv' 2>/dev/null || missing+=("python3-venv")
command -v msgfmt >/dev/null 2>&1 || missing+=("gettext")
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "마을 설치: 다음 시스템 패키지를 설치합니다 / installing system packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
  echo "root 권한이 필요합니다. 관리자에게 다음 설치를 요청하세요 / root needed: apt-get install ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${missing[@]}" >/dev/null
