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
#     without zones, Traffic Director services, monitors and notifiers, and
#     approved senders. A zone that the example expects to exist is created
#     in the mock before the apply and must be left as it was.
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
# create everything it needs, except the zones that existing_zone_of names,
# and destroy must remove all of it.
apply_dirs=(
	complete
	approved-sender
	modules/geo-traffic-director/example
	modules/zone/examples/basic
	quickstart
)
mock_start_timeout_seconds=15

# The email API key that dynmock accepts and the provider sends.
mock_email_api_key=demo

# existing_zone_of prints the zone that the example in examples/$1 reads but
# does not create, or nothing when it creates all of its zones.
existing_zone_of() {
	case $1 in
	# The default of its domain variable.
	approved-sender) echo mail-demo.example ;;
	esac
}

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

# A request past dynmock's rate limit starts a penalty during which every
# request gets HTTP 429, 60 s by default, Dyn's documented maximum. The
# client's throttle can be late on a loaded machine and draw one. The client
# retries until the penalty ends, so a 5 s penalty keeps such a run short
# and changes no result.
step "Starting dynmock"
# Created here, so that the wait below never reads a file that the
# background job has yet to open.
: >"$work_dir/dynmock.stdout"
"$work_dir/bin/dynmock" --listen 127.0.0.1:0 --customer demo --username demo --password demo \
	--mm-api-key "$mock_email_api_key" --rate-limit-penalty 5s \
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
# dynmock serves the email API under /rest/json on the same address.
export DYN_MM_API_URL="$mock_url" DYN_MM_API_KEY="$mock_email_api_key"
# The password of the user that examples/complete creates.
export TF_VAR_user_password=complete-example-password
# The secret of the zone-transfer key that examples/complete creates.
export TF_VAR_transfer_key_secret=Y29tcGxldGUtZXhhbXBsZS10cmFuc2Zlci1rZXk=

# mock_request METHOD PATH [JSON_BODY [HEADER]] prints the body of dynmock's
# response, with bash's /dev/tcp so that the check needs no HTTP client.
# dynmock closes the connection after an HTTP/1.0 response.
mock_request() {
	local method=$1 path=$2 body=${3-} header=${4-}
	local host_port=${mock_url#http://}
	# Content-Length counts bytes, and ${#body} counts bytes in the C locale.
	local LC_ALL=C
	exec 3<>"/dev/tcp/${host_port%:*}/${host_port##*:}"
	{
		printf '%s %s HTTP/1.0\r\nHost: %s\r\n' "$method" "$path" "$host_port"
		if [[ -n $header ]]; then
			printf '%s\r\n' "$header"
		fi
		printf 'Content-Type: application/json\r\nContent-Length: %d\r\n\r\n%s' "${#body}" "$body"
	} >&3
	sed '1,/^\r$/d' <&3
	exec 3<&-
}

# zone_file_without_soa prints the zone file that dynmock holds for zone $1,
# without the SOA record, whose serial every publish changes.
zone_file_without_soa() {
	mock_request GET "/__mock/zonefile/$1" | grep -Ev '[[:space:]]SOA[[:space:]]' || true
}

# check_mock_cleared fails unless dynmock contains no zones other than $2
# (which may be empty), no Traffic Director services, monitors or notifiers,
# and no approved senders, after the destroy of examples/$1.
check_mock_cleared() {
	local rel=$1 expected_zone=${2-}
	local state zones expected=""
	state=$(mock_request GET /__mock/state)
	# /__mock/state renders each zone as "<name>":{"balancers":..., because
	# Go's encoder sorts the keys of a map.
	zones=$({ grep -Eo '"[^"]+":\{"balancers"' <<<"$state" || true; } | cut -d'"' -f2 | sort | tr '\n' ' ')
	if [[ -n $expected_zone ]]; then
		expected="$expected_zone "
	fi
	if [[ $zones != "$expected" ]]; then
		echo "$state" >&2
		fail "after destroying examples/$rel, dynmock contains the zones '${zones% }', expected '${expected% }' (state above)."
	fi

	# The five /REST requests below count against dynmock's rate limit of 5
	# a second like the provider's, but the provider's throttle does not see
	# them. So they wait out the window of the provider's last requests, and
	# the next provider waits out theirs.
	sleep 1.1
	local login token collection listing
	login=$(mock_request POST /REST/Session/ '{"customer_name":"demo","user_name":"demo","password":"demo"}')
	[[ $login =~ \"token\":\"([^\"]+)\" ]] || fail "could not log in to dynmock to list its Traffic Director objects: $login"
	token=${BASH_REMATCH[1]}
	for collection in DSF DSFMonitor Notifier; do
		listing=$(mock_request GET "/REST/$collection/" "" "Auth-Token: $token")
		if ! [[ $listing =~ \"data\":\[\] ]]; then
			echo "$listing" >&2
			fail "dynmock still lists objects at /REST/$collection/ after destroying examples/$rel (response above)."
		fi
	done
	mock_request DELETE /REST/Session/ "" "Auth-Token: $token" >/dev/null
	sleep 1.1

	listing=$(mock_request GET "/rest/json/senders?apikey=$mock_email_api_key")
	if ! [[ $listing =~ \"senders\":\[\] ]]; then
		echo "$listing" >&2
		fail "dynmock still lists approved senders after destroying examples/$rel (response above)."
	fi
}

for rel in "${apply_dirs[@]}"; do
	dir="$work_dir/examples/$rel"
	[[ -d "$dir" ]] || fail "examples/$rel, listed in apply_dirs, does not exist."

	existing_zone=$(existing_zone_of "$rel")
	zone_before=""
	if [[ -n $existing_zone ]]; then
		step "Creating zone $existing_zone in dynmock, which examples/$rel expects to exist"
		seeded=$(mock_request POST /__mock/seed "{\"zone\":\"$existing_zone\"}")
		[[ $seeded =~ \"records\": ]] || fail "dynmock did not create zone $existing_zone: $seeded"
		zone_before=$(zone_file_without_soa "$existing_zone")
	fi

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

	check_mock_cleared "$rel" "$existing_zone"
	if [[ -n $existing_zone ]]; then
		zone_after=$(zone_file_without_soa "$existing_zone")
		if [[ $zone_after != "$zone_before" ]]; then
			diff -u <(echo "$zone_before") <(echo "$zone_after") >&2 || true
			fail "destroying examples/$rel did not leave zone $existing_zone as it was (difference above)."
		fi
		# The next example starts from an empty mock.
		mock_request POST /__mock/reset >/dev/null
	fi
	echo "dynmock contains nothing that examples/$rel created."
done

# NOTE: the check passes even when the client drew HTTP 429 from the rate
# limit, because a retry recovers from it. The count shows whether it did.
rate_limited=$(mock_request GET /__mock/stats | { grep -Eo '"rate_limited":[0-9]+' || true; } | cut -d: -f2)
echo "dynmock rejected ${rate_limited:-an unknown number of} requests with HTTP 429 during the run."

step "Done: every example is formatted and valid, and the applied ones converged and were destroyed."
