package validators

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
)

// MaxTextBytes is the maximum text of one TXT or SPF record. DNS carries the
// text as character strings of at most 255 bytes, each after a length byte.
// Record data has at most 65535 bytes (RFC 1035, sections 3.3 and 3.3.14),
// so 255 full strings and one of 254 bytes fit.
const MaxTextBytes = 255*255 + 254

// CheckTextLength adds an error on p when text is too long for one TXT or
// SPF record.
func CheckTextLength(p path.Path, text string, diags *diag.Diagnostics) {
	if len(text) <= MaxTextBytes {
		return
	}
	diags.AddAttributeError(p, "Text Too Long",
		fmt.Sprintf("The text is %d bytes long, but one record holds at most %d bytes of text, because DNS splits it into strings of "+
			"at most 255 bytes in record data of at most 65535 bytes. Split the text across several records.", len(text), MaxTextBytes))
}
