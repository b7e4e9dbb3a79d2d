#!/usr/bin/env bash
# Checks every example under examples/ the way a user would run it:
#
#  1. terraform fmt -check on all of examples/.
#  2. The files that tools/genexamples writes match the record-type table.
#  3. go test ./tools/genexamples: every resource, data source and provider
#     attribute has its examples and its row on the index page.
#  4. terraform validate in every directory that contains .tf files, with the
#     provider built from this checkout. A directory that calls a module gets
#     `terraform get` first, which installs local modules without a registry.
#  5. For each directory in apply_dirs: terraform apply against a dynmock on
#     loopback, then `terraform plan -detailed-exitcode`, which must find
#     nothing to change, then terraform destroy, which must leave the mock
#     without zones.
#
# Terraform never reaches a registry or any other host. The CLI configuration
# loads the provider from the fresh build through dev_overrides and offers no
# other way to install one, and HTTP_PROXY and HTTPS_PROXY point at a closed
# loopback port, so any request to a host other than loopback fails the run.
# Go skips the proxy for loopback addresses, so the provider still reaches
# dynmock. Every step runs on a copy of examples/ in one temporary directory,
# which is removed on exit, so the repository is left as it was.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root"

# Directories under examples/ that are applied against dynmock. Each must
# create everything it needs, zones included, and destroy must remove it all.
apply_dirs=(
	complete
	modules/zone/examples/basic
	quickstart
)
mock_start_timeout_seconds=15

fail() {
	echo "check-examples: $*" >&2
	exit 1
}

step() {
	printf '\n==> %s\n' "$*"
}

for tool in go terraform; do
	command -v "$tool" >/dev/null 2>&1 || fail "$tool was not found on PATH; install it and run the check again."
done

work_dir=$(mktemp -d "${TMPDIR:-/tmp}/dyn-examples.XXXXXX")
mock_pid=""

cleanup() {
	local status=$?
	if [[ -n "$mock_pid" ]] && kill -0 "$mock_pid" 2>/dev/null; then
		kill -TERM "$mock_pid" 2>/dev/null || true
		wait "$mock_pid" 2>/dev/null || true
	fi
	rm -rf "$work_dir"
	if [[ $status -ne 0 ]]; then
		echo "check-examples: failed with exit status $status" >&2
	fi
	exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

export CHECKPOINT_DISABLE=1
export TF_IN_AUTOMATION=1

# The CLI configuration comes first, so that no terraform command below reads
# the user's own.
mkdir -p "$work_dir/no-providers"
cat >"$work_dir/terraform.rc" <<EOF
provider_installation {
  dev_overrides {
    "registry.terraform.io/terraform-dyn/dyn" = "$work_dir/bin"
  }
  # An empty mirror in place of the registry: a provider other than the one
  # above fails to install instead of being downloaded.
  filesystem_mirror {
    path = "$work_dir/no-providers"
  }
}
EOF
export TF_CLI_CONFIG_FILE="$work_dir/terraform.rc"

step "terraform fmt -check examples/"
terraform fmt -check -recursive -diff examples/ || fail "examples/ is not formatted; run 'terraform fmt -recursive examples/'."

step "Generated examples match the record-type table"
generated="$work_dir/generated"
go run ./tools/genexamples -dir "$generated/resources" -complete "$generated/complete/typed_records.tf"
terraform fmt -recursive "$generated" >/dev/null
stale=0
for dir in "$generated"/resources/*/; do
	name=$(basename "$dir")
	diff -ru "$dir" "examples/resources/$name" || stale=1
done
diff -u "$generated/complete/typed_records.tf" examples/complete/typed_records.tf || stale=1
[[ $stale -eq 0 ]] || fail "the generated examples above are out of date; run 'make generate' and commit the result."
echo "ok"

step "Examples cover every resource, data source and provider attribute"
go test -count=1 ./tools/genexamples

step "Building terraform-provider-dyn and dynmock into $work_dir/bin"
mkdir -p "$work_dir/bin"
go build -o "$work_dir/bin/terraform-provider-dyn" .
go build -o "$work_dir/bin/dynmock" ./cmd/dynmock

# From here on nothing may leave the machine: Go already has what it needs.
unset TF_PLUGIN_CACHE_DIR NO_PROXY no_proxy
export HTTP_PROXY=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9
export http_proxy=$HTTP_PROXY https_proxy=$HTTPS_PROXY

cp -R examples "$work_dir/examples"
find "$work_dir/examples" \( -name .terraform -o -name '*.tfstate*' -o -name .terraform.lock.hcl \) -prune -exec rm -rf {} +

# has_module_call reports whether the configuration in a directory calls a module.
has_module_call() {
	grep -Eqs '^[[:space:]]*module[[:space:]]+"' "$1"/*.tf
}

step "terraform validate in every example directory"
example_dirs=()
while IFS= read -r dir; do
	example_dirs+=("$dir")
done < <(find "$work_dir/examples" -name '*.tf' -exec dirname {} \; | sort -u)
[[ ${#example_dirs[@]} -gt 0 ]] || fail "found no .tf files under examples/."

for dir in "${example_dirs[@]}"; do
	rel=${dir#"$work_dir/examples/"}
	# The per-resource snippets leave out the terraform block, as registry
	# docs do. Without one, Terraform would look for hashicorp/dyn, the
	# archived provider, so the copy gets this provider's source address.
	if ! grep -Eqs 'source[[:space:]]*=[[:space:]]*"terraform-dyn/dyn"' "$dir"/*.tf; then
		cat >"$dir/zz_check_examples_providers.tf" <<'EOF'
terraform {
  required_providers {
    dyn = {
      source = "terraform-dyn/dyn"
    }
  }
}
EOF
	fi
	log="$dir/.check-examples.log"
	if has_module_call "$dir" && ! terraform -chdir="$dir" get -no-color >"$log" 2>&1; then
		cat "$log" >&2
		fail "terraform get failed in examples/$rel (output above)."
	fi
	if ! terraform -chdir="$dir" validate -no-color >"$log" 2>&1; then
		cat "$log" >&2
		fail "terraform validate failed in examples/$rel (output above)."
	fi
	if [[ -f "$dir/import.sh" ]] && ! bash -n "$dir/import.sh"; then
		fail "examples/$rel/import.sh is not a valid shell script."
	fi
	echo "ok  examples/$rel"
done

step "Starting dynmock"
"$work_dir/bin/dynmock" --listen 127.0.0.1:0 --customer demo --username demo --password demo \
	>"$work_dir/dynmock.stdout" 2>"$work_dir/dynmock.stderr" &
mock_pid=$!

# dynmock prints "dynmock listening on http://HOST:PORT" as its first line.
mock_url=""
first_line=""
for ((tick = 0; tick < mock_start_timeout_seconds * 10; tick++)); do
	# Wait for a whole line, so that a half-written URL is never read.
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
[[ -n "$mock_url" ]] || fail "dynmock did not print 'dynmock listening on http://HOST:PORT' within ${mock_start_timeout_seconds}s; its first line was: '${first_line}'."
echo "dynmock is serving $mock_url"

export DYN_API_URL="$mock_url"
export DYN_CUSTOMER_NAME=demo DYN_USERNAME=demo DYN_PASSWORD=demo

# mock_get prints the body of a GET to dynmock, with bash's /dev/tcp so that
# the check needs no HTTP client. dynmock closes the connection after an
# HTTP/1.0 response.
mock_get() {
	local host_port=${mock_url#http://}
	exec 3<>"/dev/tcp/${host_port%:*}/${host_port##*:}"
	printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$1" "$host_port" >&3
	sed '1,/^\r$/d' <&3
	exec 3<&-
}

for rel in "${apply_dirs[@]}"; do
	dir="$work_dir/examples/$rel"
	[[ -d "$dir" ]] || fail "examples/$rel, listed in apply_dirs, does not exist."

	step "terraform apply examples/$rel"
	terraform -chdir="$dir" apply -auto-approve -input=false -no-color -compact-warnings

	step "terraform plan examples/$rel: expecting no changes"
	plan_status=0
	terraform -chdir="$dir" plan -detailed-exitcode -input=false -no-color -compact-warnings >"$dir/plan.log" 2>&1 || plan_status=$?
	case $plan_status in
	0) echo "No changes." ;;
	2)
		cat "$dir/plan.log" >&2
		fail "the plan after applying examples/$rel is not empty (above): the apply did not converge."
		;;
	*)
		cat "$dir/plan.log" >&2
		fail "terraform plan failed in examples/$rel (output above)."
		;;
	esac

	step "terraform destroy examples/$rel"
	terraform -chdir="$dir" destroy -auto-approve -input=false -no-color -compact-warnings

	# NOTE: only zones are checked. When the mock stores more kinds of
	# objects, check that the destroy removed those too.
	state=$(mock_get /__mock/state)
	if ! [[ $state =~ \"zones\":\{\} ]]; then
		echo "$state" >&2
		fail "dynmock still holds zones after destroying examples/$rel (state above)."
	fi
done

step "Done: every example is formatted and valid, and the applied ones converged and were destroyed."
