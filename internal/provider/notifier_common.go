package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
)

// The API calls of dyn_notifier and dyn_traffic_director_notifier. Both
// resources manage the same Dyn object, /REST/Notifier, through
// client.Notifiers. dyn_notifier sets every field, and
// dyn_traffic_director_notifier sets the label and the recipients' addresses
// and leaves the links to the services' notifiers attribute.

// createNotifier creates a notifier. It returns nil after adding an error.
func createNotifier(ctx context.Context, c *client.Client, req client.NotifierRequest, diags *diag.Diagnostics) *client.Notifier {
	ctx = tflog.SetField(ctx, "notifier_label", req.Label)
	notifier, err := c.Notifiers.Create(ctx, req)
	if err != nil {
		diags.AddError("Unable to Create Notifier", errorDetail(err, ""))
		return nil
	}
	return notifier
}

// readNotifier reads a notifier. It returns nil when the notifier no longer
// exists, and nil after adding an error when the read fails.
func readNotifier(ctx context.Context, c *client.Client, id string, diags *diag.Diagnostics) *client.Notifier {
	ctx = tflog.SetField(ctx, "notifier_id", id)
	notifier, err := c.Notifiers.Get(ctx, id)
	if isNotFound(err) {
		tflog.Debug(ctx, "Notifier no longer exists, removing it from the state")
		return nil
	}
	if err != nil {
		diags.AddError("Unable to Read Notifier", errorDetail(err, ""))
		return nil
	}
	return notifier
}

// updateNotifier updates a notifier. It returns nil after adding an error.
func updateNotifier(ctx context.Context, c *client.Client, id string, req client.NotifierRequest, diags *diag.Diagnostics) *client.Notifier {
	ctx = tflog.SetField(ctx, "notifier_id", id)
	notifier, err := c.Notifiers.Update(ctx, id, req)
	if err != nil {
		diags.AddError("Unable to Update Notifier", errorDetail(err, ""))
		return nil
	}
	return notifier
}

// deleteNotifier deletes a notifier. A notifier that is already gone counts as deleted.
func deleteNotifier(ctx context.Context, c *client.Client, id string, diags *diag.Diagnostics) {
	ctx = tflog.SetField(ctx, "notifier_id", id)
	err := c.Notifiers.Delete(ctx, id)
	if err != nil && !isNotFound(err) {
		diags.AddError("Unable to Delete Notifier", errorDetail(err, ""))
	}
}

// importNotifier imports a notifier by its id.
func importNotifier(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if err := validAccountName(req.ID); err != nil {
		resp.Diagnostics.AddError("Invalid Import ID", fmt.Sprintf("The import ID %q must be a notifier id such as BHyL4GxatEBHyR2QiNT28R2QiNs: %s.", req.ID, err))
		return
	}
	resource.ImportStatePassthroughID(ctx, path.Root("id"), req, resp)
}
