package provider

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
)

// maxTTL is the largest TTL DNS allows (RFC 2181, section 8), in seconds.
const maxTTL = 1<<31 - 1

// clientFromProviderData returns the client that the provider's Configure
// made. It returns nil without a diagnostic before Configure has run, which
// Terraform does during validation.
func clientFromProviderData(data any, diags *diag.Diagnostics) *client.Client {
	if data == nil {
		return nil
	}
	c, ok := data.(*client.Client)
	if !ok {
		diags.AddError("Unexpected Provider Data",
			fmt.Sprintf("Expected *client.Client, got %T. This is a bug in the provider; please report it.", data))
		return nil
	}
	return c
}

// quotedList formats values as a Markdown list of code spans: `a`, `b`, `c`.
func quotedList(values []string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = "`" + v + "`"
	}
	return strings.Join(quoted, ", ")
}

// errorDetail turns an error into a diagnostic detail: a sentence that starts
// with a capital letter and ends with a period, followed by advice if given.
func errorDetail(err error, advice string) string {
	msg := strings.TrimSuffix(err.Error(), ".")
	first, size := utf8.DecodeRuneInString(msg)
	detail := string(unicode.ToUpper(first)) + msg[size:] + "."
	if advice != "" {
		detail += " " + advice
	}
	return detail
}
