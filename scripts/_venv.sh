# Sourced by scripts/serve and scripts/test: create .venv and install the project into it,
# again only when pyproject.toml changed, and compile the translation catalogues. $1 is the
# extra ("" or "dev").
ocop_venv() {
  local extra=${1:-}
  local python=${PYTHON:-python3}
  export OCOP_CACHE=${OCOP_CACHE:-$HOME/.cache/ocop}
  export PIP_CACHE_DIR=${PIP_CACHE_DIR:-$OCOP_CACHE/pip}
  if [ ! -x .venv/bin/python ]; then
    echo "[setup] creating .venv with $($python --version)"
    "$python" -m venv .venv
  fi
  local stamp
  stamp=.venv/.installed-${extra:-base}-$(sha1sum pyproject.toml | cut -c1-12)
  if [ ! -f "$stamp" ]; then
    echo "[setup] installing the project${extra:+ with its $extra dependencies} (first run only)"
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -e ".${extra:+[$extra]}"
    rm -f .venv/.installed-"${extra:-base}"-* && touch "$stamp"
  fi
  # The translation catalogues (.po in the repo, .mo built here when missing or stale).
  .venv/bin/python -m ops.i18n
}
