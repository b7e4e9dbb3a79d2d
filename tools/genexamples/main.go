// Command genexamples writes the example files of the typed record resources,
// examples/resources/dyn_<type>_record/, from the record-type table, so that
// the generated documentation of all 29 resources follows the table. Run it
// through `make generate`, which formats the result with terraform fmt.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

func main() {
	dir := flag.String("dir", "examples/resources", "directory that holds one folder of examples per resource")
	flag.Parse()

	for _, t := range rrtype.All() {
		if t.ReadOnly {
			continue
		}
		if err := writeExamples(*dir, t); err != nil {
			log.Fatalf("writing the %s record examples: %v", t.Name, err)
		}
	}
}

func writeExamples(dir string, t rrtype.Type) error {
	name := "dyn_" + strings.ToLower(t.Name) + "_record"
	first, _ := t.Examples()
	rd, err := t.ParseAndValidate(first)
	if err != nil {
		return fmt.Errorf("example %q: %w", first, err)
	}

	var body strings.Builder
	fmt.Fprintf(&body, "# %s record: %s.\n", t.Name, t.Description)
	fmt.Fprintf(&body, "resource %q \"example\" {\n  zone = \"example.com\"\n  name = \"node\"\n  ttl = 3600\n", name)
	fields := make([]rrtype.Field, 0, len(t.Fields))
	for _, f := range t.Fields {
		if !f.Hidden {
			fields = append(fields, f)
		}
	}
	for _, f := range fields {
		v, ok := rd[f.Name]
		if !ok {
			continue
		}
		if f.Kind == rrtype.KindInt {
			fmt.Fprintf(&body, "  %s = %s\n", f.Name, v)
		} else {
			fmt.Fprintf(&body, "  %s = %s\n", f.Name, hclString(v))
		}
	}
	body.WriteString("}\n")

	id := "example.com/node.example.com/123456789"
	files := map[string]string{
		"resource.tf": body.String(),
		"import.sh": fmt.Sprintf("# %s records are imported by {zone}/{fqdn}/{record_id}, or by {zone}/{fqdn}\n"+
			"# when the node has only one %s record.\nterraform import %s.example %s\n", t.Name, t.Name, name, id),
		"import-by-string-id.tf": fmt.Sprintf("import {\n  to = %s.example\n  id = %q\n}\n", name, id),
	}
	target := filepath.Join(dir, name)
	if err := os.MkdirAll(target, 0o755); err != nil {
		return err
	}
	for file, content := range files {
		if err := os.WriteFile(filepath.Join(target, file), []byte(content), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// hclString writes s as an HCL string literal, escaping template sequences.
func hclString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "${", "$${", "%{", "%%{")
	return `"` + r.Replace(s) + `"`
}
