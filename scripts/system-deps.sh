#!/usr/bin/env bash
# Install the few Debian packages that a fresh machine lacks and the build needs:
# python3-venv (Debian splits venv out of python3) and gettext (compiles translations).
#
# With --browser (make test): also Chromium for the browser tests, when it is missing and can
# be installed without asking (root, or sudo without a password, and apt). This part never
# fails: without Chromium the browser tests skip and say why (MAEUL_CHROMIUM names another
# browser binary than /usr/bin/chromium).
set -euo pipefail

if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else sudo="none"; fi
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq && $sudo apt-get install -y -qq "$@" >/dev/null
}

if [ "${1:-}" = "--browser" ]; then
  chromium=${MAEUL_CHROMIUM:-/usr/bin/chromium}
  if [ -x "$chromium" ]; then
    exit 0
  fi
  skip="브라우저 테스트는 건너뜁니다 / browser tests will be skipped"
  if [ -n "${MAEUL_CHROMIUM:-}" ]; then
    echo "$chromium 이(가) 없습니다 / MAEUL_CHROMIUM=$chromium does not exist: $skip" >&2
  elif ! command -v apt-get >/dev/null 2>&1; then
    echo "apt-get이 없어 Chromium을 설치하지 못했습니다 / no apt-get to install Chromium: $skip" >&2
  elif [ "$sudo" = "none" ] || { [ "$sudo" = "sudo" ] && ! sudo -n true 2>/dev/null; }; then
    echo "Chromium 설치에 root 권한이 필요합니다: sudo apt-get install chromium /" \
      "installing Chromium needs root (sudo apt-get install chromium): $skip" >&2
  else
    echo "마을 테스트: Chromium을 설치합니다 / installing chromium for the browser tests"
    if ! apt_install chromium || [ ! -x "$chromium" ]; then
      echo "Chromium을 설치하지 못했습니다 / chromium could not be installed: $skip" >&2
    fi
  fi
  exit 0
fi

missing=()
python3 -c 'import ensurepip, venv' 2>/dev/null || missing+=("python3-venv")
command -v msgfmt >/dev/null 2>&1 || missing+=("gettext")
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "마을 설치: 다음 시스템 패키지를 설치합니다 / installing system packages: ${missing[*]}"
if [ "$sudo" = "none" ]; then
  echo "root 권한이 필요합니다. 관리자에게 다음 설치를 요청하세요 / root needed: apt-get install ${missing[*]}" >&2
  exit 1
fi
apt_install "${missing[@]}"
