package htmlreport_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/carveout/carveout/study/charts"
)

// The browser test opens the page in headless Chromium, as a reader
// would: it must load without a console error or a request that leaves
// the file, show the report's numbers, show every chart at a size, and
// paint a screenshot that is not blank.
//
// It needs a Chromium binary: $CARVEOUT_CHROMIUM, or chromium,
// chromium-browser, google-chrome or headless_shell on PATH. Without one
// it skips, unless CARVEOUT_REQUIRE_CHROMIUM=1 (set by .ci/run, which
// installs Debian's chromium), when it fails.

// chromiumNames are the binaries looked for on PATH.
var chromiumNames = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless_shell"}

// chromium returns the path of a Chromium binary, or skips (or fails,
// under CARVEOUT_REQUIRE_CHROMIUM=1) the test without one.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CARVEOUT_CHROMIUM"); p != "" {
		if _, err := exec.LookPath(p); err != nil {
			t.Fatalf("CARVEOUT_CHROMIUM=%s: %v", p, err)
		}
		return p
	}
	for _, n := range chromiumNames {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	msg := "no Chromium binary found (set CARVEOUT_CHROMIUM, or put one of " + strings.Join(chromiumNames, ", ") +
		" on PATH; on Debian: apt-get install chromium)"
	if os.Getenv("CARVEOUT_REQUIRE_CHROMIUM") == "1" {
		t.Fatal(msg + ", and CARVEOUT_REQUIRE_CHROMIUM=1 requires this test to run")
	}
	t.Skip(msg)
	return ""
}

// pageState is what the test reads from the rendered page.
type pageState struct {
	Texts  map[string]string `json:"texts"`
	Images []struct {
		Figure   string  `json:"figure"`
		Complete bool    `json:"complete"`
		NaturalW float64 `json:"naturalWidth"`
		NaturalH float64 `json:"naturalHeight"`
		ClientW  float64 `json:"clientWidth"`
		ClientH  float64 `json:"clientHeight"`
	} `json:"images"`
}

const readPage = `({
	// An element's own text, without that of its children (an estimate's
	// interval is a child with an id of its own).
	texts: Object.fromEntries([...document.querySelectorAll('[id]')].map(e =>
		[e.id, [...e.childNodes].filter(n => n.nodeType === Node.TEXT_NODE).map(n => n.textContent).join('')])),
	images: [...document.querySelectorAll('figure img')].map(i => ({
		figure: i.closest('figure').id, complete: i.complete,
		naturalWidth: i.naturalWidth, naturalHeight: i.naturalHeight,
		clientWidth: i.clientWidth, clientHeight: i.clientHeight,
	})),
})`

func TestBrowser(t *testing.T) {
	exe := chromium(t)
	r := report(t)
	path := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(path, []byte(full(t)), 0o644); err != nil {
		t.Fatal(err)
	}
	pageURL := (&url.URL{Scheme: "file", Path: path}).String()

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox, // CI runs as root, where Chromium's sandbox refuses to start
		chromedp.DisableGPU,
		chromedp.WindowSize(1280, 900),
		chromedp.Flag("allow-file-access-from-files", false),
	)
	// A deadline for the whole browser (chromedp stops it when the
	// context of its first use ends).
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	defer acancel()
	bctx, bcancel := chromedp.NewContext(actx)
	defer bcancel()

	var (
		mu       sync.Mutex
		problems []string
		requests []string
	)
	// Every console message of the page (console API calls, uncaught
	// exceptions, browser log entries such as a failed load), read as it
	// comes until the page has been read.
	cctx, ccancel := context.WithCancel(bctx)
	messages := chromedp.Console(cctx)
	consoleDone := make(chan struct{})
	go func() {
		defer close(consoleDone)
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleWarning || m.IsException() {
				mu.Lock()
				problems = append(problems, m.String()+" "+m.URL)
				mu.Unlock()
			}
		}
	}()
	if err := chromedp.Listen(bctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			requests = append(requests, e.Request.URL)
		case *network.EventLoadingFailed:
			problems = append(problems, "loading failed: "+e.ErrorText)
		}
	}); err != nil {
		t.Fatalf("chromium (%s): %v", exe, err)
	}

	if err := chromedp.Do(bctx,
		chromedp.Navigate(pageURL),
		chromedp.WaitReady(chromedp.CSS("#charts")),
	); err != nil {
		t.Fatalf("chromium (%s): %v", exe, err)
	}
	state, err := chromedp.Run(bctx, chromedp.Evaluate[pageState](readPage))
	if err != nil {
		t.Fatalf("reading the page: %v", err)
	}
	if err := chromedp.Do(bctx, chromedp.ScrollIntoView(chromedp.CSS("#chart-risk"))); err != nil {
		t.Fatalf("scrolling to the risk chart: %v", err)
	}
	shot, err := chromedp.Run(bctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	ccancel()
	<-consoleDone

	mu.Lock()
	defer mu.Unlock()
	for _, p := range problems {
		t.Errorf("page load: %s", p)
	}
	for _, u := range requests {
		if !strings.HasPrefix(u, "file://") && !strings.HasPrefix(u, "data:") {
			t.Errorf("the page requested %s: want nothing but itself and data URLs", u)
		}
	}

	// The numbers shown are the report's.
	checkShown(t, r, func(id string) string {
		s, ok := state.Texts[id]
		if !ok {
			t.Fatalf("no element #%s in the rendered page", id)
		}
		return s
	})

	// Every chart is shown, decoded, at a size.
	cs, err := charts.Draw(r)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"chart-sensitivity"}
	for name := range cs {
		want = append(want, "chart-"+name)
	}
	var got []string
	for _, im := range state.Images {
		got = append(got, im.Figure)
		if !im.Complete || im.NaturalW < 100 || im.NaturalH < 100 || im.ClientW < 100 || im.ClientH < 50 {
			t.Errorf("%s: image complete %v, natural %v×%v, shown %v×%v: want a decoded image shown at a size",
				im.Figure, im.Complete, im.NaturalW, im.NaturalH, im.ClientW, im.ClientH)
		}
	}
	// The Pakistan scenario has economics: its cost charts are among them.
	for _, c := range []string{"chart-whopays", "chart-duration"} {
		if !slices.Contains(want, c) {
			t.Errorf("charts.Draw of the Pakistan report lacks %s", c)
		}
	}
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("charts on the page %q, want %q", got, want)
	}

	// The screenshot of the charts is not blank: many colours, and a fair
	// share of pixels that are not white.
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	colours, inked := census(img)
	b := img.Bounds()
	if share := float64(inked) / float64(b.Dx()*b.Dy()); colours < 200 || share < 0.05 {
		t.Errorf("screenshot %v: %d distinct colours, %.1f%% non-white pixels; want a painted page (>= 200, >= 5%%)", b, colours, 100*share)
	} else {
		t.Logf("screenshot %v: %d distinct colours, %.1f%% non-white pixels", b, colours, 100*share)
	}
	if dir := os.Getenv("CARVEOUT_SCREENSHOT_DIR"); dir != "" {
		_ = os.WriteFile(filepath.Join(dir, "report.png"), shot, 0o644)
	}
}

// census counts the distinct colours of img and its pixels that are not
// (nearly) white.
func census(img image.Image) (colours, inked int) {
	seen := map[[3]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			seen[[3]uint32{r >> 8, g >> 8, bl >> 8}] = true
			if r < 0xF000 || g < 0xF000 || bl < 0xF000 {
				inked++
			}
		}
	}
	return len(seen), inked
}
