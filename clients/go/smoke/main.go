// The whole request lifecycle through the generated Go client (openapi-generator, default
// options) against a live server, the same steps and accounts as clients/python/lifecycle.py:
// the administrator signs in and changes the password; an agency, a police organisation and
// their users; filing with Idempotency-Key (a retry replays it); review and a document asked
// (If-Match); the agency uploads a PDF (multipart) and the directorate downloads it;
// resubmission and the permit (If-Match); a client-credentials token for the police's service
// account; the receipt (Idempotency-Key and If-Match); the registration; the feed typed as the
// Event union. Every transition sends If-Match with the ETag just read.
// Usage: PLATE_PERMITS_URL=... ADMIN_PASSWORD=... (a fresh database whose `admin` has
// BOOTSTRAP_ADMIN_PASSWORD=ADMIN_PASSWORD); built in GOPATH mode by .ci/sdks.
package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"platepermits"
)

var stepNo = 0

func step(title string) {
	stepNo++
	fmt.Printf("%2d. %s\n", stepNo, title)
}

func fail(what string, err error) {
	fmt.Fprintf(os.Stderr, "go lifecycle: FAILED: %s: %v\n", what, err)
	if e, ok := err.(*platepermits.GenericOpenAPIError); ok {
		fmt.Fprintf(os.Stderr, "  body: %s\n", e.Body())
	}
	os.Exit(1)
}

func check(cond bool, what string) {
	if !cond {
		fmt.Fprintf(os.Stderr, "go lifecycle: FAILED: %s\n", what)
		os.Exit(1)
	}
}

// status checks the HTTP status of a call that succeeded.
func status(resp *http.Response, want int, what string) {
	check(resp != nil && resp.StatusCode == want, fmt.Sprintf("%s: status %v, want %d", what, resp, want))
}

func etag(resp *http.Response) string {
	e := resp.Header.Get("ETag")
	check(e != "", "an ETag on "+resp.Request.URL.Path)
	return e
}

func randomFrom(alphabet string, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		k, err := rand.Int(rand.Reader, big.NewInt(int64(len(alphabet))))
		if err != nil {
			fail("random", err)
		}
		b.WriteByte(alphabet[k.Int64()])
	}
	return b.String()
}

func between(lo, hi int64) int64 {
	k, err := rand.Int(rand.Reader, big.NewInt(hi-lo+1))
	if err != nil {
		fail("random", err)
	}
	return lo + k.Int64()
}

func digits(n int) string { return randomFrom("0123456789", n) }

func uuid() string {
	h := randomFrom("0123456789abcdef", 32)
	return h[0:8] + "-" + h[8:12] + "-4" + h[13:16] + "-a" + h[17:20] + "-" + h[20:32]
}

// legalID completes ten digits with the check digit of an Iranian legal-entity national id.
func legalID(firstTen string) string {
	weights := []int{29, 27, 23, 19, 17}
	base := int(firstTen[9]-'0') + 2
	sum := 0
	for i := 0; i < 10; i++ {
		sum += (base + int(firstTen[i]-'0')) * weights[i%5]
	}
	r := sum % 11
	if r == 10 {
		r = 0
	}
	return fmt.Sprintf("%s%d", firstTen, r)
}

func minimalPDF() []byte {
	var body bytes.Buffer
	body.WriteString("%PDF-1.4\n")
	var offsets []int
	for i, obj := range []string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"} {
		offsets = append(offsets, body.Len())
		fmt.Fprintf(&body, "%d 0 obj\n%s\nendobj\n", i+1, obj)
	}
	xref := body.Len()
	body.WriteString("xref\n0 3\n0000000000 65535 f \n")
	for _, o := range offsets {
		fmt.Fprintf(&body, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&body, "trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", xref)
	return body.Bytes()
}

type session struct {
	ctx   context.Context
	login *platepermits.TokenResponse
}

func main() {
	cfg := platepermits.NewConfiguration()
	cfg.Servers = platepermits.ServerConfigurations{{URL: os.Getenv("PLATE_PERMITS_URL")}}
	cfg.AddDefaultHeader("Accept-Language", "en")
	api := platepermits.NewAPIClient(cfg)
	anon := context.Background()

	signIn := func(username, password string) session {
		login, resp, err := api.IdentityAPI.LoginUser(anon).LoginRequest(*platepermits.NewLoginRequest(username, password)).Execute()
		if err != nil {
			fail(username+" signs in", err)
		}
		status(resp, 200, username+" signs in")
		return session{context.WithValue(anon, platepermits.ContextAccessToken, login.AccessToken), login}
	}

	step("the administrator signs in and changes the password")
	first := signIn("admin", os.Getenv("ADMIN_PASSWORD"))
	newPassword := "admin-" + uuid()
	resp, err := api.IdentityAPI.ChangePassword(first.ctx).ChangePasswordRequest(*platepermits.NewChangePasswordRequest(os.Getenv("ADMIN_PASSWORD"), newPassword)).Execute()
	if err != nil {
		fail("password change", err)
	}
	status(resp, 204, "password change")
	admin := signIn("admin", newPassword)
	directorateOrg := admin.login.User.OrganisationId

	step("organisations and users")
	organisation := func(name string, kind platepermits.OrgKind) *platepermits.Organisation {
		org, resp, err := api.OrganisationsAPI.CreateOrganisation(admin.ctx).CreateOrganisation(*platepermits.NewCreateOrganisation(name, kind, legalID("1"+digits(9)))).Execute()
		if err != nil {
			fail(string(kind)+" organisation", err)
		}
		status(resp, 201, string(kind)+" organisation")
		return org
	}
	agencyOrg := organisation("شهرداری آزمون", platepermits.ORG_KIND_AGENCY)
	policeOrg := organisation("پلیس راهور آزمون", platepermits.ORG_KIND_POLICE)
	user := func(role platepermits.Role, org, name string) session {
		username, password := fmt.Sprintf("%s-%s", role, randomFrom("0123456789abcdef", 8)), "pw-"+uuid()
		body := platepermits.NewCreateUser(username, name, role, org)
		body.SetPassword(password)
		_, resp, err := api.UsersAPI.CreateUser(admin.ctx).CreateUser(*body).Execute()
		if err != nil {
			fail(string(role)+" user", err)
		}
		status(resp, 201, string(role)+" user")
		return signIn(username, password)
	}
	agency := user(platepermits.ROLE_AGENCY, agencyOrg.Id, "مریم کریمی")
	directorate := user(platepermits.ROLE_DIRECTORATE, directorateOrg, "علی رضایی")
	registry := user(platepermits.ROLE_REGISTRY, directorateOrg, "سامانه جامع خودرو")

	step("the agency files a request (Idempotency-Key; a retry replays it)")
	// The constructor takes the required fields; `vin` or `chassis_number` (at least one, the
	// document's `allOf: [{anyOf: …}]`) is set after it.
	plate := fmt.Sprintf("%d الف %d ایران %d", between(10, 99), between(100, 999), between(10, 99))
	vehicle := platepermits.NewVehicleInput(plate, "124K0123456", "ایران خودرو", "سمند LX", 1391,
		platepermits.VEHICLE_TYPE_PASSENGER_CAR)
	check(vehicle.GetPlate() == plate && vehicle.GetYear() == 1391, "NewVehicleInput keeps its arguments")
	vehicle.SetVin(randomFrom("ABCDEFGHJKLMNPRSTUVWXYZ0123456789", 17))
	filing := *platepermits.NewCreateRequest(*vehicle, platepermits.REASON_AUCTION_SALE,
		*platepermits.NewLetterInput("۱۲۳/۴۵۶", "1403/08/15"), *platepermits.NewContactInput("رضا احمدی", "۰۹۱۴۱۲۳۴۵۶۷"))
	key := uuid()
	filed, resp, err := api.RequestsAPI.CreateRequest(agency.ctx).CreateRequest(filing).IdempotencyKey(key).Execute()
	if err != nil {
		fail("filing", err)
	}
	status(resp, 201, "filing")
	replay, resp, err := api.RequestsAPI.CreateRequest(agency.ctx).CreateRequest(filing).IdempotencyKey(key).Execute()
	if err != nil {
		fail("replay", err)
	}
	status(resp, 201, "replay")
	check(replay.Id == filed.Id, "an idempotent retry returns the same request")
	check(resp.Header.Get("Idempotent-Replayed") == "true", "the replay says Idempotent-Replayed: true")
	rid := filed.Id

	step("review, a document asked (If-Match)")
	_, read, err := api.RequestsAPI.GetRequest(directorate.ctx, rid).Execute()
	if err != nil {
		fail("read", err)
	}
	reviewed, resp, err := api.RequestsAPI.ReviewRequest(directorate.ctx, rid).IfMatch(etag(read)).Execute()
	if err != nil {
		fail("review", err)
	}
	status(resp, 200, "review")
	check(reviewed.Status == platepermits.REQUEST_STATUS_UNDER_REVIEW, "under_review")
	ask := platepermits.NewCreateDocumentRequest("لطفاً سند مالکیت را بارگذاری کنید.",
		[]platepermits.ItemInput{*platepermits.NewItemInput(platepermits.DOCUMENT_TYPE_OWNERSHIP_DOCUMENT)})
	_, resp, err = api.DocumentsAPI.CreateDocumentRequest(directorate.ctx, rid).CreateDocumentRequest(*ask).IfMatch(etag(resp)).Execute()
	if err != nil {
		fail("document asked", err)
	}
	status(resp, 201, "document asked")

	step("the agency uploads a PDF (multipart); the directorate downloads it")
	pdf := minimalPDF()
	sum := sha256.Sum256(pdf)
	dir, err := os.MkdirTemp("", "go-lifecycle")
	if err != nil {
		fail("temporary folder", err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "ownership.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		fail("write the PDF", err)
	}
	file, err := os.Open(path)
	if err != nil {
		fail("open the PDF", err)
	}
	doc, resp, err := api.DocumentsAPI.UploadDocument(agency.ctx, rid).File(file).DocumentType(platepermits.DOCUMENT_TYPE_OWNERSHIP_DOCUMENT).Execute()
	file.Close()
	if err != nil {
		fail("upload", err)
	}
	status(resp, 201, "upload")
	check(doc.Sha256 == hex.EncodeToString(sum[:]), "uploaded sha256")
	got, resp, err := api.DocumentsAPI.DownloadDocument(directorate.ctx, doc.Id).Execute()
	if err != nil {
		fail("download", err)
	}
	status(resp, 200, "download")
	downloaded, err := io.ReadAll(got)
	got.Close()
	os.Remove(got.Name())
	if err != nil {
		fail("read the download", err)
	}
	check(bytes.Equal(downloaded, pdf), "downloaded bytes")

	step("resubmission and the permit (If-Match)")
	_, current, err := api.RequestsAPI.GetRequest(agency.ctx, rid).Execute()
	if err != nil {
		fail("read", err)
	}
	note := platepermits.NewResubmitBody()
	note.SetNote("بارگذاری شد.")
	_, resp, err = api.DocumentsAPI.ResubmitRequest(agency.ctx, rid).ResubmitBody(*note).IfMatch(etag(current)).Execute()
	if err != nil {
		fail("resubmit", err)
	}
	status(resp, 200, "resubmit")
	_, before, err := api.RequestsAPI.GetRequest(directorate.ctx, rid).Execute()
	if err != nil {
		fail("read", err)
	}
	validUntil := time.Now().UTC().Add(10 * 24 * time.Hour).Format(time.RFC3339)
	permit, resp, err := api.PermitsAPI.IssuePermit(directorate.ctx, rid).
		IssuePermit(*platepermits.NewIssuePermit("NV-"+uuid(), validUntil)).IfMatch(etag(before)).Execute()
	if err != nil {
		fail("permit issued", err)
	}
	status(resp, 201, "permit issued")

	step("a client-credentials token for the police's service account")
	account, resp, err := api.ServiceAccountsAPI.CreateServiceAccount(admin.ctx).
		CreateServiceAccount(*platepermits.NewCreateServiceAccount("سامانه پلیس راهور", platepermits.ROLE_POLICE, policeOrg.Id)).Execute()
	if err != nil {
		fail("service account", err)
	}
	status(resp, 201, "service account")
	token, resp, err := api.IdentityAPI.IssueClientToken(anon).GrantType("client_credentials").
		ClientId(account.ClientId).ClientSecret(account.ClientSecret).Execute()
	if err != nil {
		fail("client token", err)
	}
	status(resp, 200, "client token")
	police := context.WithValue(anon, platepermits.ContextAccessToken, token.AccessToken)

	step("the receipt (Idempotency-Key, If-Match) and the registration")
	_, pread, err := api.PermitsAPI.GetPermit(police, permit.Id).Execute()
	if err != nil {
		fail("the police read the permit", err)
	}
	receipt := platepermits.NewReceiptRemoved("removed", "R-"+digits(6), time.Now().UTC(), 2)
	receipt.SetOfficerName("سرهنگ احمدی")
	receipt.SetUnit("راهور تهران")
	used, resp, err := api.PermitsAPI.PostReceipt(police, permit.Id).PostReceipt(platepermits.ReceiptRemovedAsPostReceipt(receipt)).
		IdempotencyKey(uuid()).IfMatch(etag(pread)).Execute()
	if err != nil {
		fail("receipt", err)
	}
	status(resp, 201, "receipt")
	check(used.Status == platepermits.PERMIT_STATUS_USED, "permit used")
	_, before, err = api.RequestsAPI.GetRequest(registry.ctx, rid).Execute()
	if err != nil {
		fail("read", err)
	}
	done, resp, err := api.PermitsAPI.RecordRegistration(registry.ctx, rid).
		PostRegistration(*platepermits.NewPostRegistration("REG-"+uuid(), time.Now().UTC())).IfMatch(etag(before)).Execute()
	if err != nil {
		fail("registration", err)
	}
	status(resp, 200, "registration")
	check(done.Status == platepermits.REQUEST_STATUS_COMPLETED, "completed")

	// openapi-generator's Go `oneOf` (default options: no discriminator lookup) tries every
	// member and refuses an item that fits two. Each envelope's `type` is a named single-value
	// enum, so an event fits exactly one member even where two types share a `data` shape
	// (request.status_changed and request.completed; permit.issued and permit.expired): the
	// whole feed, every type, is read here as the Event union.
	step("the whole feed typed as the Event union")
	page, resp, err := api.EventsAPI.ListEvents(admin.ctx).Limit(500).Execute()
	if err != nil {
		fail("feed", err)
	}
	status(resp, 200, "feed")
	var recorded *platepermits.PermitReceiptRecordedEvent
	var filedEvent *platepermits.RequestSubmittedEvent
	var completed *platepermits.RequestCompletedEvent
	var issued *platepermits.PermitIssuedEvent
	changes := 0
	for _, e := range page.Items {
		switch {
		case e.RequestSubmittedEvent != nil && e.RequestSubmittedEvent.Data.RequestId == rid:
			filedEvent = e.RequestSubmittedEvent
		case e.PermitReceiptRecordedEvent != nil && e.PermitReceiptRecordedEvent.Data.PermitId == permit.Id:
			recorded = e.PermitReceiptRecordedEvent
		case e.RequestCompletedEvent != nil && e.RequestCompletedEvent.Data.RequestId == rid:
			completed = e.RequestCompletedEvent
		case e.PermitIssuedEvent != nil && e.PermitIssuedEvent.Data.PermitId == permit.Id:
			issued = e.PermitIssuedEvent
		case e.RequestStatusChangedEvent != nil && e.RequestStatusChangedEvent.Data.RequestId == rid:
			changes++
		}
	}
	check(filedEvent != nil, fmt.Sprintf("request.submitted of the request in the feed (%d events)", len(page.Items)))
	check(recorded != nil && recorded.Data.Outcome == platepermits.OUTCOME_REMOVED, fmt.Sprintf("permit.receipt_recorded (removed) of the permit in the feed (%d events)", len(page.Items)))
	check(issued != nil, "permit.issued of the permit in the feed, decoded as PermitIssuedEvent")
	check(completed != nil, "request.completed of the request in the feed, decoded as RequestCompletedEvent")
	check(changes >= 3, fmt.Sprintf("the request's request.status_changed events decoded as such (%d)", changes))
	fmt.Printf("go lifecycle: passed (%d typed events in the feed)\n", len(page.Items))
}
