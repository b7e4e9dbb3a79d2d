// Command terraform-provider-dyn serves the Terraform provider for Dyn Managed DNS.
package main

import (
	"context"
	"flag"
	"log"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/provider"
)

// version is set by goreleaser through -ldflags "-X main.version=...".
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers such as delve")
	flag.Parse()

	opts := providerserver.ServeOpts{
		Address: "registry.terraform.io/terraform-dyn/dyn",
		Debug:   debug,
	}
	err := providerserver.Serve(context.Background(), provider.New(version), opts)

	// Terraform waits about two seconds for a plugin to exit before it kills
	// it, so logging out must finish well within that.
	ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
	defer cancel()
	if shutdownErr := provider.Shutdown(ctx); shutdownErr != nil {
		log.Printf("[DEBUG] logging out of Dyn API sessions: %v", shutdownErr)
	}

	if err != nil {
		log.Fatal(err)
	}
}
