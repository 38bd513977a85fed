#!/usr/bin/env bash
# The Django REST Framework peer of issue 19: installs bench/peer/requirements.txt into a venv,
# migrates a fresh SQLite database (WAL, immediate transactions), seeds it (seed.json: token and
# request ids) and serves it with gunicorn, 5 sync workers, on 127.0.0.1 only.
#
# Usage: bench/peer/run.sh PORT DATA_DIR
#   DATA_DIR: an empty directory (bench/load.py passes a mktemp -d one); the database, seed.json
#   and, unless PEER_VENV names an existing venv to reuse, the venv go there.
set -euo pipefail
port=${1:?port}
data=${2:?data dir}
here=$(cd "$(dirname "$0")" && pwd)
venv=${PEER_VENV:-$data/venv}
if [ ! -x "$venv/bin/gunicorn" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check -r "$here/requirements.txt"
fi
export PEER_DATA_DIR=$data DJANGO_SETTINGS_MODULE=peer.settings PYTHONPATH=$here
"$venv/bin/python" "$here/manage.py" migrate -v 0
"$venv/bin/python" "$here/manage.py" seed --requests "${PEER_REQUESTS:-2000}" > "$data/seed.json.part"
mv "$data/seed.json.part" "$data/seed.json"
exec "$venv/bin/gunicorn" --chdir "$here" --workers 5 --bind "127.0.0.1:$port" \
  --log-level warning peer.wsgi:application
