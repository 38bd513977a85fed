// A run of the generated Go client (openapi-generator, default options) against a live server:
// the administrator signs in, changes the password, signs in again, and reads the change feed
// typed as the Event union. Usage: PLATE_PERMITS_URL=... ADMIN_PASSWORD=... go run .
package main

import (
	"context"
	"fmt"
	"os"

	"platepermits"
)

func fail(what string, err error) {
	fmt.Fprintf(os.Stderr, "go-sdk: FAILED: %s: %v\n", what, err)
	os.Exit(1)
}

func main() {
	cfg := platepermits.NewConfiguration()
	cfg.Servers = platepermits.ServerConfigurations{{URL: os.Getenv("PLATE_PERMITS_URL")}}
	api := platepermits.NewAPIClient(cfg)
	ctx := context.Background()
	password := os.Getenv("ADMIN_PASSWORD")

	login, _, err := api.IdentityAPI.LoginUser(ctx).LoginRequest(*platepermits.NewLoginRequest("admin", password)).Execute()
	if err != nil {
		fail("admin signs in", err)
	}
	fmt.Println("  ok  admin signs in")
	authed := context.WithValue(ctx, platepermits.ContextAccessToken, login.AccessToken)
	newPassword := "admin-go-" + login.AccessToken[len(login.AccessToken)-12:]
	if _, err := api.IdentityAPI.ChangePassword(authed).ChangePasswordRequest(*platepermits.NewChangePasswordRequest(password, newPassword)).Execute(); err != nil {
		fail("password changed", err)
	}
	fmt.Println("  ok  password changed")
	again, _, err := api.IdentityAPI.LoginUser(ctx).LoginRequest(*platepermits.NewLoginRequest("admin", newPassword)).Execute()
	if err != nil {
		fail("admin signs in again", err)
	}
	authed = context.WithValue(ctx, platepermits.ContextAccessToken, again.AccessToken)
	page, _, err := api.EventsAPI.ListEvents(authed).Limit(100).Execute()
	if err != nil {
		fail("the feed", err)
	}
	fmt.Printf("  ok  the feed: %d typed events\n", len(page.Items))
	fmt.Println("go-sdk: passed")
}
