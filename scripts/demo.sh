#!/usr/bin/env bash
# Applies examples/quickstart against a local dynmock, prints the zone as the
# mock now serves it and the number of publishes, then destroys everything.
#
# Every file the run creates (binaries, Terraform CLI config, a copy of the
# example, its data dir and state) goes into one temporary directory that is
# removed on exit, so the repository is left as it was.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
example_dir="$repo_root/examples/quickstart"
mock_start_timeout_seconds=15

fail() {
	echo "demo: $*" >&2
	exit 1
}

step() {
	printf '\n==> %s\n' "$*"
}

for tool in go terraform curl; do
	command -v "$tool" >/dev/null 2>&1 || fail "$tool was not found on PATH; install it and run the demo again."
done

work_dir=$(mktemp -d "${TMPDIR:-/tmp}/dyn-demo.XXXXXX")
# The provider keeps a request-throttle file in the temporary directory, which
# it shares with other provider processes of the same account; pointing TMPDIR
# into the work directory removes that file with the rest.
mkdir -p "$work_dir/tmp"
export TMPDIR="$work_dir/tmp"
mock_pid=""

cleanup() {
	local status=$?
	if [[ -n "$mock_pid" ]] && kill -0 "$mock_pid" 2>/dev/null; then
		kill -TERM "$mock_pid" 2>/dev/null || true
		wait "$mock_pid" 2>/dev/null || true
	fi
	rm -rf "$work_dir"
	if [[ $status -ne 0 ]]; then
		echo "demo: failed with exit status $status" >&2
	fi
	exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

step "Building terraform-provider-dyn and dynmock into $work_dir/bin"
mkdir -p "$work_dir/bin"
(cd "$repo_root" && go build -o "$work_dir/bin/terraform-provider-dyn" . && go build -o "$work_dir/bin/dynmock" ./cmd/dynmock)

step "Starting dynmock"
: >"$work_dir/dynmock.stdout"
"$work_dir/bin/dynmock" --listen 127.0.0.1:0 --customer demo --username demo --password demo \
	>"$work_dir/dynmock.stdout" 2>"$work_dir/dynmock.stderr" &
mock_pid=$!

# dynmock prints "dynmock listening on http://HOST:PORT" as its first line.
mock_url=""
for ((tick = 0; tick < mock_start_timeout_seconds * 10; tick++)); do
	# Wait for a whole line, so that a half-written URL is never read.
	first_line=""
	if [[ $(wc -l <"$work_dir/dynmock.stdout") -ge 1 ]]; then
		first_line=$(head -n 1 "$work_dir/dynmock.stdout")
	fi
	if [[ $first_line =~ ^dynmock\ listening\ on\ (http://[^[:space:]]+)$ ]]; then
		mock_url=${BASH_REMATCH[1]}
		break
	fi
	if ! kill -0 "$mock_pid" 2>/dev/null; then
		cat "$work_dir/dynmock.stderr" >&2
		fail "dynmock exited before it printed its URL (output above)."
	fi
	sleep 0.1
done
if [[ -z "$mock_url" ]]; then
	cat "$work_dir/dynmock.stderr" >&2
	fail "dynmock did not print 'dynmock listening on http://HOST:PORT' within ${mock_start_timeout_seconds}s; its first line was: '${first_line}'."
fi
echo "dynmock is serving $mock_url"

# dev_overrides makes Terraform load the provider built above instead of
# installing one from a registry, so `terraform init` is not needed.
cat >"$work_dir/terraform.rc" <<EOF
provider_installation {
  dev_overrides {
    "registry.terraform.io/terraform-dyn/dyn" = "$work_dir/bin"
  }
  direct {}
}
EOF
export TF_CLI_CONFIG_FILE="$work_dir/terraform.rc"
export TF_DATA_DIR="$work_dir/terraform-data"
export CHECKPOINT_DISABLE=1
export DYN_API_URL="$mock_url"
export DYN_CUSTOMER_NAME=demo
export DYN_USERNAME=demo
export DYN_PASSWORD=demo

# Terraform writes its state file next to the configuration, so it
# runs on a copy of the example.
config_dir="$work_dir/quickstart"
mkdir -p "$config_dir"
cp "$example_dir"/*.tf "$config_dir/"
# Colour codes only help on a terminal; in a log they are noise.
color_flag=()
if [[ ! -t 1 ]]; then
	color_flag=(-no-color)
fi
run_terraform() {
	terraform -chdir="$config_dir" "$@"
}

step "terraform apply examples/quickstart"
run_terraform apply "${color_flag[@]}" -auto-approve -input=false -compact-warnings

zone=$(run_terraform output -raw zone_name)
record_count=$(run_terraform state list | grep -c '^dyn_record\.' || true)

step "Zone $zone as dynmock now serves it"
curl --fail --silent --show-error "$mock_url/__mock/zonefile/$zone"

step "Publishes"
stats=$(curl --fail --silent --show-error "$mock_url/__mock/stats" | tr -d '\n')
publishes_object=$(sed -n 's/.*"publishes"[[:space:]]*:[[:space:]]*{\([^}]*\)}.*/\1/p' <<<"$stats")
publish_count=$(grep -o "\"${zone//./\\.}\"[[:space:]]*:[[:space:]]*[0-9]*" <<<"$publishes_object" | grep -o '[0-9]*$' || true)
[[ -n "$publish_count" ]] || fail "no publish count for $zone in /__mock/stats: $stats"
echo "$zone was published $publish_count times: once when the zone was created, then for its $record_count records."
echo "Records that Terraform writes at the same time share a publish."

step "terraform destroy"
run_terraform destroy "${color_flag[@]}" -auto-approve -input=false -compact-warnings

step "Done: the zone and its records were created, published, served and destroyed."
