package htmlreport_test

import (
	"bytes"
	"context"
	stdhtml "html"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/carveout/carveout/montecarlo"
	"github.com/carveout/carveout/scenarios"
	"github.com/carveout/carveout/study"
	"github.com/carveout/carveout/study/charts"
	"github.com/carveout/carveout/study/htmlreport"
)

// pakistanReport runs the Pakistan scenario (zonal, with its sweep over
// two sites) for 200 trial-years, once for all tests: a real
// report, with zones, a sweep, market data and a convergence record.
var pakistanReport = sync.OnceValues(func() (*study.Report, error) {
	sc, err := scenarios.Load("pakistan")
	if err != nil {
		return nil, err
	}
	sc.Trials = 200
	st, err := study.NewStudy(sc)
	if err != nil {
		return nil, err
	}
	res, err := st.Run(context.Background())
	if err != nil {
		return nil, err
	}
	return res.Report(), nil
})

func report(t *testing.T) *study.Report {
	t.Helper()
	r, err := pakistanReport()
	if err != nil {
		t.Fatal(err)
	}
	c := *r // a shallow copy a test may mark partial
	return &c
}

// sensitivity returns a made-up two-value sensitivity from the report's
// sweep points at its main size.
func sensitivity(r *study.Report) *charts.Sensitivity {
	var pts []study.SweepPoint
	for _, p := range r.Sweep {
		if p.MW == r.CarveoutMW && p.Policy == "firm" {
			pts = append(pts, p)
		}
	}
	return &charts.Sensitivity{Input: "transfer limit (MW)", Trials: r.Done, Values: []float64{4000, 5200},
		Points: [][]study.SweepPoint{pts, pts}, Scenario: 5200}
}

// fullPage is the page of the report with a sensitivity, drawn once for
// the tests that read it (drawing its charts is most of a test's time,
// the more so under the race detector).
var fullPage = sync.OnceValues(func() (string, error) {
	r, err := pakistanReport()
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	err = htmlreport.Write(&b, r, htmlreport.WithSensitivity(sensTitle, sensitivity(r)))
	return b.String(), err
})

// sensTitle is the title of fullPage's sensitivity section.
const sensTitle = "Risk against the limit"

func full(t *testing.T) string {
	t.Helper()
	s, err := fullPage()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func page(t *testing.T, r *study.Report, opts ...htmlreport.Option) string {
	t.Helper()
	var b bytes.Buffer
	if err := htmlreport.Write(&b, r, opts...); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestSelfContained checks that the page loads nothing from elsewhere:
// every src and href is a data URL or a fragment, and there is no script,
// no stylesheet link, no @import and no url() but data URLs.
func TestSelfContained(t *testing.T) {
	html := full(t)
	for _, m := range regexp.MustCompile(`(?i)\b(src|href|srcset|poster|data|action)\s*=\s*"([^"]*)"`).FindAllStringSubmatch(html, -1) {
		if v := m[2]; !strings.HasPrefix(v, "data:") && !strings.HasPrefix(v, "#") {
			t.Errorf("%s=%q: want a data URL or a fragment", m[1], v)
		}
	}
	for _, bad := range []string{"<script", "<link rel=\"stylesheet", "@import", "<iframe", "<object", "<embed"} {
		if strings.Contains(strings.ToLower(html), bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	for _, m := range regexp.MustCompile(`url\(([^)]*)\)`).FindAllStringSubmatch(html, -1) {
		if !strings.HasPrefix(strings.Trim(m[1], `"' `), "data:") {
			t.Errorf("url(%s): want a data URL", m[1])
		}
	}
}

// cellText returns the text of the element with the given id.
func cellText(t *testing.T, html, id string) string {
	t.Helper()
	m := regexp.MustCompile(`id="` + regexp.QuoteMeta(id) + `"[^>]*>([^<]*)<`).FindStringSubmatch(html)
	if m == nil {
		t.Fatalf("no element with id %q", id)
	}
	return stdhtml.UnescapeString(m[1]) // html/template writes a plus sign as &#43;
}

// parseShown reads a number as the page shows it ("1,405", "−0.03",
// "2.95") and returns it with the half-width of its last digit.
func parseShown(s string) (v, half float64, err error) {
	s = strings.NewReplacer(",", "", "−", "-", "+", "").Replace(strings.TrimSpace(s))
	v, err = strconv.ParseFloat(s, 64)
	d := 0
	if _, frac, ok := strings.Cut(s, "."); ok {
		d = len(frac)
	}
	return v, 0.5 * math.Pow(10, -float64(d)), err
}

// summaryValues are the page's main numbers and the report's values they
// show (in the page's units).
func summaryValues(r *study.Report) map[string]float64 {
	m := map[string]float64{
		"main-p":     100 * r.Risk.PCausesShedding.Mean,
		"main-p-lo":  100 * r.Risk.PCausesShedding.Lo,
		"main-dlole": r.Risk.DeltaLOLEHours.Mean,
		"main-deue":  r.Risk.DeltaEUEMWh.Mean,
		"base-lole":  r.Baseline.LOLEHours.Mean,
		"with-lole":  r.Carveout.LOLEHours.Mean,
		"base-eue":   r.Baseline.EUEMWh.Mean,
		"with-eue":   r.Carveout.EUEMWh.Mean,
		"sweep-0-p":  100 * r.Sweep[0].PCausesShedding.Mean,
		"load-util":  100 * r.Load.MinerUtilisation.Mean,
	}
	last := len(r.Sweep) - 1
	m["sweep-"+strconv.Itoa(last)+"-deue"] = r.Sweep[last].DeltaEUEMWh.Mean
	for i, z := range r.Zones {
		m["zone-"+strconv.Itoa(i)+"-deue"] = z.DeltaEUEMWh.Mean
	}
	if c := r.Cost; c != nil {
		m["cost-short-run-cost"] = 1e-9 * c.ShortRunCost.Mean
		m["cost-short-run-cost-lo"] = 1e-9 * c.ShortRunCost.Lo
		m["cost-short-run-cost-usd"] = 1e-6 * c.USD(c.ShortRunCost).Mean
		m["cost-short-run-cost-per-mwh"] = c.ShortRunCostPerMWh.Mean
		m["cost-subsidy-vs-purchase-price"] = 1e-9 * c.Subsidy.VsPurchasePrice.Mean
		m["cost-delta-co2-t"] = c.DeltaCO2T.Mean
		m["cost-payers-circular-debt"] = 1e-9 * c.Payers.CircularDebt.Mean
		m["cost-payers-other-consumers-usd"] = 1e-6 * c.USD(c.Payers.OtherConsumers).Mean
		m["cost-month-1-mwh"] = c.Months[0].DeltaMWh.Mean
		m["cost-fuel-0-co2"] = c.Fuels[0].DeltaCO2T.Mean
	}
	return m
}

// checkShown checks that the text shown for each id is the report's
// value to the digits shown.
func checkShown(t *testing.T, r *study.Report, text func(id string) string) {
	t.Helper()
	for id, want := range summaryValues(r) {
		shown := text(strings.TrimSuffix(id, "-lo"))
		if strings.HasSuffix(id, "-lo") { // the interval's lower end
			shown, _, _ = strings.Cut(text(strings.TrimSuffix(id, "-lo")+"-ci"), " – ")
		}
		v, half, err := parseShown(shown)
		if err != nil {
			t.Errorf("%s: %q is not a number: %v", id, shown, err)
			continue
		}
		if math.Abs(v-want) > half*(1+1e-9) {
			t.Errorf("%s shows %q, the report has %v", id, shown, want)
		}
	}
}

func TestSummaryNumbers(t *testing.T) {
	r := report(t)
	html := full(t)
	checkShown(t, r, func(id string) string { return cellText(t, html, id) })
	if got := cellText(t, html, "run-hash"); got != r.Scenario.Hash {
		t.Errorf("hash shown %q, want %q", got, r.Scenario.Hash)
	}
}

// TestChartsAndSections checks that every chart of the report is on the
// page, that the zonal and sensitivity sections appear with their data,
// and that a partial report is flagged at the top.
func TestChartsAndSections(t *testing.T) {
	r := report(t)
	cs, err := charts.Draw(r)
	if err != nil {
		t.Fatal(err)
	}
	html := full(t)
	for name := range cs {
		if !regexp.MustCompile(`<figure id="chart-` + name + `">\s*<img src="data:image/png;base64,`).MatchString(html) {
			t.Errorf("chart %s is not on the page as an inline PNG", name)
		}
	}
	for _, want := range []string{`id="zones"`, `id="sweep"`, `id="sensitivity"`, `id="chart-sensitivity"`, `id="sens-1-0-p"`, "What the model captures"} {
		if !strings.Contains(html, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	// The Pakistan scenario has economics: the cost section, its
	// tables, definitions and charts, the charts inside it.
	if r.Cost == nil {
		t.Fatal("the Pakistan report has no cost")
	}
	sec := html[strings.Index(html, `<section id="cost-section">`):]
	sec = sec[:strings.Index(sec, "</section>")]
	for _, want := range []string{`id="cost"`, `id="payers"`, `id="cost-fuels"`, `id="cost-months"`, `id="cost-definitions"`,
		`<figure id="chart-whopays">`, `<figure id="chart-duration">`, "What the carve-out costs"} {
		if !strings.Contains(sec, want) {
			t.Errorf("cost section lacks %s", want)
		}
	}
	if n := strings.Count(sec, "<tr><td>"); n < 18+12 {
		t.Errorf("cost section has %d rows, want the 18 measures, the fuels and 12 months at least", n)
	}
	if strings.Contains(html, "partial-banner") {
		t.Error("a complete report is flagged partial")
	}
	r.Partial, r.Done = true, r.Done/2
	html = page(t, r)
	if !strings.Contains(html, `id="partial-banner"`) || !strings.Contains(html, "PARTIAL RESULT") {
		t.Error("a partial report is not flagged")
	}
}

// TestCostAbsentAndSweepCosts checks that a report without a cost has
// no cost section and no cost columns, and that sweep points with costs
// show their short-run cost and extra CO₂, and the paired differences
// between sites.
func TestCostAbsentAndSweepCosts(t *testing.T) {
	r := report(t)
	r.Cost = nil
	html := page(t, r)
	for _, bad := range []string{"cost-section", "chart-whopays", "chart-duration", "short-run cost (billion"} {
		if strings.Contains(html, bad) {
			t.Errorf("a report without cost shows %s", bad)
		}
	}
	r = report(t)
	r.Sweep = slices.Clone(r.Sweep)
	last := len(r.Sweep) - 1
	for i := range r.Sweep {
		p := &r.Sweep[i]
		c := montecarlo.Estimate{Mean: p.MW * 3e6, SE: p.MW * 1e4, Lo: p.MW * 2.98e6, Hi: p.MW * 3.02e6}
		p.Cost = &study.PointCost{ShortRunCost: c.Scale(1e4), DeltaCO2T: c}
		if p.VsFirstSite != nil {
			v := *p.VsFirstSite
			d := montecarlo.Estimate{Mean: -2e9, SE: 1e8, Lo: -2.2e9, Hi: -1.8e9}
			v.DiffShortRunCost, v.DiffDeltaCO2T = &d, &c
			p.VsFirstSite = &v
		}
	}
	html = page(t, r)
	if !strings.Contains(html, "extra CO₂ (t/yr)") {
		t.Error("sweep with costs: no CO2 column")
	}
	p := r.Sweep[last]
	for id, want := range map[string]float64{"sweep-" + strconv.Itoa(last) + "-cost": 1e-9 * p.Cost.ShortRunCost.Mean,
		"sweep-" + strconv.Itoa(last) + "-co2": p.Cost.DeltaCO2T.Mean, "sweep-" + strconv.Itoa(last) + "-vs-cost": -2} {
		if p.VsFirstSite == nil && strings.Contains(id, "-vs-") {
			continue
		}
		v, half, err := parseShown(cellText(t, html, id))
		if err != nil || math.Abs(v-want) > half*(1+1e-9) {
			t.Errorf("%s shows %v (%v), want %v", id, v, err, want)
		}
	}
	if !strings.Contains(html, "chart-emissions") {
		t.Error("sweep with costs: no emissions chart")
	}
}

func TestWriteErrors(t *testing.T) {
	var b bytes.Buffer
	if err := htmlreport.Write(&b, nil); err == nil {
		t.Error("nil report: no error")
	}
	if err := htmlreport.Write(&b, &study.Report{}); err == nil {
		t.Error("report of no trials: no error")
	}
	r := report(t)
	if err := htmlreport.Write(&b, r, htmlreport.WithSensitivity("x", &charts.Sensitivity{})); err == nil {
		t.Error("empty sensitivity: no error")
	}
	if err := htmlreport.WriteFile(t.TempDir()+"/no/such/dir/report.html", r); err == nil {
		t.Error("missing folder: no error")
	}
}

// TestControlVariatesTable checks the table of the headline indices with
// control variates: absent from a run without them, and with one given,
// each adjusted mean, crude mean and variance reduction shown to the
// precision of its last digit, and a variance reduction that could not
// be measured shown as a dash.
func TestControlVariatesTable(t *testing.T) {
	r := report(t)
	if r.ControlVariates != nil || strings.Contains(page(t, r), `id="control-variates"`) {
		t.Fatal("a run without control variates shows their table")
	}
	r.ControlVariates = &study.ControlVariateResult{
		Controls: []study.ControlReport{{Name: "ke: hours above supply limit", ExactMean: 0.0189}},
		Indices: []study.AdjustedIndex{
			{Name: "baseline_lole_h", Crude: montecarlo.NormalEstimate(0.0262, 0.0021),
				Adjusted: montecarlo.NormalEstimate(0.0257, 0.0011), VarianceReduction: 3.52, EffectiveTrials: 70400},
			{Name: "causes", Crude: montecarlo.NormalEstimate(0.0297, 0.0011),
				Adjusted: montecarlo.NormalEstimate(0.0296, 0.0011), VarianceReduction: math.NaN(), EffectiveTrials: math.NaN()},
		},
	}
	html := page(t, r)
	for id, want := range map[string]float64{"cv-0-crude": 0.0262, "cv-0-adj": 0.0257, "cv-0-vr": 3.52, "cv-0-eff": 70400, "cv-1-adj": 2.96} {
		v, half, err := parseShown(cellText(t, html, id))
		if err != nil || math.Abs(v-want) > half*(1+1e-9) {
			t.Errorf("%s shows %v (±%g, err %v), want %g", id, v, half, err, want)
		}
	}
	if got := cellText(t, html, "cv-1-vr"); got != "—" {
		t.Errorf("an unmeasured variance reduction shows %q, want a dash", got)
	}
	if !strings.Contains(html, "ke: hours above supply limit") {
		t.Error("the table's note does not name the control")
	}
}
