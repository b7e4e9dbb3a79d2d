package main

// These tests check examples/ and templates/ against the provider's schema.
// Every resource has the three example files that tfplugindocs renders, and
// every data source has its example. examples/complete uses every type, and
// the index page names every provider attribute with its environment
// variable. So a new resource, data source or provider attribute fails
// `go test` until its examples and docs exist.

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/provider"
)

// repoRoot is the repository root, seen from this package's directory,
// where `go test` runs the tests.
const repoRoot = "../.."

// testProviderTypes returns the type names of the provider's resources and
// data sources, such as dyn_zone, as configurations write them.
func testProviderTypes(t *testing.T) (resources, dataSources []string) {
	t.Helper()
	ctx := context.Background()
	p := provider.New("test")()
	var meta fwprovider.MetadataResponse
	p.Metadata(ctx, fwprovider.MetadataRequest{}, &meta)

	for _, newResource := range p.Resources(ctx) {
		var resp resource.MetadataResponse
		newResource().Metadata(ctx, resource.MetadataRequest{ProviderTypeName: meta.TypeName}, &resp)
		resources = append(resources, resp.TypeName)
	}
	for _, newDataSource := range p.DataSources(ctx) {
		var resp datasource.MetadataResponse
		newDataSource().Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: meta.TypeName}, &resp)
		dataSources = append(dataSources, resp.TypeName)
	}
	if len(resources) == 0 || len(dataSources) == 0 {
		t.Fatalf("the provider lists %d resources and %d data sources; expected some of each", len(resources), len(dataSources))
	}
	return resources, dataSources
}

func testReadFile(t *testing.T, parts ...string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(append([]string{repoRoot}, parts...)...))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var (
	importCommand = regexp.MustCompile(`(?m)^terraform import (\S+) (\S+)$`)
	importBlockTo = regexp.MustCompile(`(?m)^\s*to\s*=\s*(\S+)\s*$`)
	importBlockID = regexp.MustCompile(`(?m)^\s*id\s*=\s*"([^"]*)"\s*$`)
)

func TestResourceExamples_complete(t *testing.T) {
	resources, _ := testProviderTypes(t)
	for _, name := range resources {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join("examples", "resources", name)
			for _, file := range []string{"resource.tf", "import.sh", "import-by-string-id.tf"} {
				if _, err := os.Stat(filepath.Join(repoRoot, dir, file)); err != nil {
					t.Errorf("%s is missing: every resource needs it for its documentation page (%v)", filepath.Join(dir, file), err)
				}
			}
			if t.Failed() {
				return
			}

			address := name + ".example"
			if config := testReadFile(t, dir, "resource.tf"); !strings.Contains(config, `resource "`+name+`" "example"`) {
				t.Errorf("%s/resource.tf does not declare %s, which its import examples import", dir, address)
			}

			script := testReadFile(t, dir, "import.sh")
			if !strings.HasPrefix(script, "#") {
				t.Errorf("%s/import.sh does not open with a comment that gives the import ID format", dir)
			}
			commands := importCommand.FindAllStringSubmatch(script, -1)
			if len(commands) != 1 {
				t.Fatalf("%s/import.sh has %d lines of the form \"terraform import ADDRESS ID\", expected 1", dir, len(commands))
			}
			if commands[0][1] != address {
				t.Errorf("%s/import.sh imports %s, expected %s", dir, commands[0][1], address)
			}

			block := testReadFile(t, dir, "import-by-string-id.tf")
			to := importBlockTo.FindStringSubmatch(block)
			id := importBlockID.FindStringSubmatch(block)
			if to == nil || id == nil {
				t.Fatalf("%s/import-by-string-id.tf lacks a `to = ADDRESS` or `id = \"ID\"` line:\n%s", dir, block)
			}
			if to[1] != address {
				t.Errorf("%s/import-by-string-id.tf imports to %s, expected %s", dir, to[1], address)
			}
			if id[1] != commands[0][2] {
				t.Errorf("the import IDs of %s differ: %q in import-by-string-id.tf, %q in import.sh", dir, id[1], commands[0][2])
			}
		})
	}
}

func TestDataSourceExamples_complete(t *testing.T) {
	_, dataSources := testProviderTypes(t)
	for _, name := range dataSources {
		file := filepath.Join("examples", "data-sources", name, "data-source.tf")
		b, err := os.ReadFile(filepath.Join(repoRoot, file))
		if err != nil {
			t.Errorf("%s is missing: every data source needs it for its documentation page (%v)", file, err)
			continue
		}
		if !strings.Contains(string(b), `data "`+name+`"`) {
			t.Errorf("%s does not declare a %s data source", file, name)
		}
	}
}

func TestExampleDirectories_noUnknownType(t *testing.T) {
	resources, dataSources := testProviderTypes(t)
	for kind, known := range map[string][]string{"resources": resources, "data-sources": dataSources} {
		noun := strings.ReplaceAll(strings.TrimSuffix(kind, "s"), "-", " ")
		entries, err := os.ReadDir(filepath.Join(repoRoot, "examples", kind))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if e.IsDir() && !slices.Contains(known, e.Name()) {
				t.Errorf("examples/%s/%s belongs to no %s of the provider; rename or remove it", kind, e.Name(), noun)
			}
		}
	}
}

func TestCompleteExample_everyType(t *testing.T) {
	resources, dataSources := testProviderTypes(t)
	files, err := filepath.Glob(filepath.Join(repoRoot, "examples", "complete", "*.tf"))
	if err != nil {
		t.Fatal(err)
	}
	var config strings.Builder
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		config.Write(b)
	}

	for _, name := range resources {
		if !strings.Contains(config.String(), `resource "`+name+`" `) {
			t.Errorf("examples/complete has no %s resource; add one to the file of its area", name)
		}
	}
	for _, name := range dataSources {
		if !strings.Contains(config.String(), `data "`+name+`" `) {
			t.Errorf("examples/complete has no %s data source; add one to the file of its area", name)
		}
	}
}

var envVarMention = regexp.MustCompile("`(DYN_[A-Z0-9_]+)` environment variable")

func TestIndexTemplate_everyProviderAttribute(t *testing.T) {
	ctx := context.Background()
	var resp fwprovider.SchemaResponse
	provider.New("test")().Schema(ctx, fwprovider.SchemaRequest{}, &resp)
	if len(resp.Schema.Attributes) == 0 {
		t.Fatal("the provider schema has no attributes")
	}
	index := testReadFile(t, "templates", "index.md.tmpl")

	for name, attr := range resp.Schema.Attributes {
		match := envVarMention.FindStringSubmatch(attr.GetMarkdownDescription())
		if match == nil {
			t.Errorf("the description of provider attribute %s names no environment variable as \"`DYN_...` environment variable\"", name)
			continue
		}
		row := regexp.MustCompile("(?m)^\\|\\s*`" + regexp.QuoteMeta(name) + "`\\s*\\|\\s*`" + regexp.QuoteMeta(match[1]) + "`\\s*\\|")
		if !row.MatchString(index) {
			t.Errorf("templates/index.md.tmpl has no table row for provider attribute %s with environment variable %s", name, match[1])
		}
	}
}
