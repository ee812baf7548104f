package htmlreport

import (
	"bytes"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/carveout/carveout/internal/atomicfile"
	"github.com/carveout/carveout/montecarlo"
	"github.com/carveout/carveout/plots"
	"github.com/carveout/carveout/study"
	"github.com/carveout/carveout/study/charts"
)

// Option adjusts the page of [Write] and [WriteFile].
type Option interface {
	apply(*config)
}

// config holds the options.
type config struct {
	charts      []charts.Option
	sensitivity *charts.Sensitivity
	sensTitle   string
	title       string
}

type optionFunc func(*config)

func (f optionFunc) apply(c *config) { f(c) }

// WithCharts passes options to the charts drawn on the page (see
// [charts.Draw]), such as the precision target of the run.
func WithCharts(opts ...charts.Option) Option {
	return optionFunc(func(c *config) { c.charts = append(c.charts, opts...) })
}

// WithSensitivity adds a section on a study rerun at several values of
// one input — its table and its chart, titled title — such as the
// Pakistan study's south→north transfer limit.
func WithSensitivity(title string, s *charts.Sensitivity) Option {
	return optionFunc(func(c *config) { c.sensitivity, c.sensTitle = s, title })
}

// WithTitle sets the page's title; the default names the scenario.
func WithTitle(title string) Option {
	return optionFunc(func(c *config) { c.title = title })
}

// WriteFile writes the page of report r to path atomically (see
// [Write]).
func WriteFile(path string, r *study.Report, opts ...Option) error {
	var b bytes.Buffer
	if err := Write(&b, r, opts...); err != nil {
		return err
	}
	if err := atomicfile.Write(path, b.Bytes()); err != nil {
		return fmt.Errorf("htmlreport: %w", err)
	}
	return nil
}

// Write writes report r as one self-contained HTML page to w: tables of
// every estimate with its 95% interval, every chart of the report inline,
// definitions, the model's limits and the result's provenance. A nil
// report, one that rests on no trials, or one whose charts cannot be
// drawn is an error, as for [charts.Draw].
func Write(w io.Writer, r *study.Report, opts ...Option) error {
	var cfg config
	for _, o := range opts {
		if o != nil {
			o.apply(&cfg)
		}
	}
	p, err := build(r, &cfg)
	if err != nil {
		return err
	}
	if err := page.Execute(w, p); err != nil {
		return fmt.Errorf("htmlreport: %w", err)
	}
	return nil
}

//go:embed page.html.tmpl
var pageTemplate string

// page is the page's template.
var page = template.Must(template.New("page").Parse(pageTemplate))

// view is what the template shows.
type view struct {
	Title      string
	Provenance string
	Partial    bool
	Converged  bool
	Done       string
	Trials     string
	Run        []cell // what ran, as label–value pairs
	Case       string // the main case in a sentence
	Horizon    string // "a year" or the horizon of a trial
	Headline   table
	Indices    table
	Load       table
	Zones      *table
	Controls   *table
	Sweep      *table
	Sens       *table
	SensTitle  string
	Cost       *costView
	Figures    []chartView
}

// table is a table of the page.
type table struct {
	ID      string
	Caption string
	Note    string
	Head    []string
	Rows    [][]cell
}

// cell is a table cell; an ID lets a reader (or a test) find the number.
type cell struct {
	ID    string
	Label string // for the run's label–value pairs
	Text  string
	Sub   string // the interval, under Text
	SubID string
	Class string
}

// chartView is one chart on the page.
type chartView struct {
	ID      string
	Title   string
	Caption string
	Alt     string
	Src     template.URL
	Width   int
	Height  int
}

// build computes the page's view of r.
func build(r *study.Report, cfg *config) (*view, error) {
	cs, err := charts.Draw(r, cfg.charts...)
	if err != nil {
		return nil, fmt.Errorf("htmlreport: %w", err)
	}
	prov := charts.Provenance(r)
	v := &view{
		Title:      cfg.title,
		Provenance: prov.String(),
		Partial:    r.Partial,
		Converged:  r.Converged,
		Done:       count(r.Done),
		Trials:     count(r.Trials),
		Horizon:    "a year",
	}
	if v.Title == "" {
		v.Title = "Carve-out risk report: " + r.Scenario.Name
	}
	if r.Hours != 8760 && r.Hours > 0 {
		v.Horizon = "a trial horizon of " + count(int64(r.Hours)) + " hours"
	}
	v.Run = []cell{
		{Label: "library", Text: "carveout " + r.Version, ID: "run-version"},
		{Label: "scenario", Text: r.Scenario.Name, ID: "run-scenario"},
		{Label: "scenario hash (SHA-256)", Text: r.Scenario.Hash, ID: "run-hash"},
		{Label: "seed", Text: strconv.FormatUint(r.Seed, 10), ID: "run-seed"},
		{Label: "trial-years", Text: runTrials(r), ID: "run-trials"},
		{Label: "hours per trial", Text: count(int64(r.Hours))},
	}
	v.Case = caseSentence(r)
	v.Headline = headline(r)
	v.Indices = indices(r)
	v.Load = load(r)
	v.Zones = zones(r)
	v.Controls = controlVariates(r)
	v.Sweep = sweep(r)
	if s := cfg.sensitivity; s != nil {
		t, err := sensitivity(s)
		if err != nil {
			return nil, err
		}
		v.Sens, v.SensTitle = t, cfg.sensTitle
		c, err := charts.DrawSensitivity(s, cfg.sensTitle, charts.SensitivityProvenance(r, s))
		if err != nil {
			return nil, fmt.Errorf("htmlreport: %w", err)
		}
		cs["sensitivity"] = c
	}
	v.Cost = cost(r)
	for _, name := range chartOrder(cs) {
		fv, err := render(name, cs[name], cfg)
		if err != nil {
			return nil, err
		}
		if v.Cost != nil && slices.Contains(costCharts, name) {
			v.Cost.Figures = append(v.Cost.Figures, fv) // shown in the cost section
			continue
		}
		v.Figures = append(v.Figures, fv)
	}
	return v, nil
}

// count formats a count with thousands separators.
func count(n int64) string { return number(float64(n), 0) }

// runTrials says how many trials the result rests on.
func runTrials(r *study.Report) string {
	switch {
	case r.Partial:
		return count(r.Done) + " of " + count(r.Trials) + " (partial: the run was stopped)"
	case r.Converged:
		return count(r.Done) + " (precision target met; " + count(r.Trials) + " allowed)"
	case r.Done != r.Trials:
		return count(r.Done) + " of " + count(r.Trials)
	}
	return count(r.Done)
}

// caseSentence describes the main carve-out case.
func caseSentence(r *study.Report) string {
	var b strings.Builder
	fmt.Fprintf(&b, "A %s MW carve-out (%s%% Bitcoin mining, %s%% AI data centres", number(r.CarveoutMW, decimals(r.CarveoutMW)),
		number(100*r.MiningShare, 0), number(100*(1-r.MiningShare), 0))
	if r.Economic {
		b.WriteString("; the miners run only when mining pays")
	}
	b.WriteString(")")
	if r.Site != "" {
		b.WriteString(" sited at " + r.Site)
	}
	fmt.Fprintf(&b, ", under a %s policy", r.Policy.Kind)
	if r.Policy.Kind == study.Interruptible {
		compliance := r.Policy.Compliance
		if compliance == 0 {
			compliance = 1
		}
		fmt.Fprintf(&b, " (curtailment decided %d h ahead, %s%% compliance", r.Policy.NoticeHours, number(100*compliance, 0))
		if r.Policy.MaxCurtailedHours > 0 {
			fmt.Fprintf(&b, ", at most %s h a year", count(int64(r.Policy.MaxCurtailedHours)))
		}
		b.WriteString(")")
	}
	b.WriteString(".")
	return b.String()
}

// estimateRow is a row of label, estimate and interval, with ids.
func estimateRow(id, label string, e montecarlo.Estimate, scale float64) []cell {
	f := format(e, scale, false)
	return []cell{{Text: label}, {ID: id, Text: f.Value, Class: "num"}, {ID: id + "-ci", Text: f.Interval, Class: "num"}}
}

// headline is the table of the paired risk measures.
func headline(r *study.Report) table {
	k := r.Risk
	return table{
		ID:      "headline",
		Caption: "What the carve-out does to other customers (paired: with and without the carve-out on the same simulated years)",
		Head:    []string{"measure", "estimate", "95% interval"},
		Rows: [][]cell{
			estimateRow("main-p", "Chance that a year has carve-out-caused shedding (%)", k.PCausesShedding, 100),
			estimateRow("main-dlole", "Extra hours of shedding a year (ΔLOLE, h)", k.DeltaLOLEHours, 1),
			estimateRow("main-dlolf", "Extra shedding events a year (ΔLOLF)", k.DeltaLOLF, 1),
			estimateRow("main-deue", "Extra energy shed a year (ΔEUE, MWh)", k.DeltaEUEMWh, 1),
			estimateRow("main-share", "Share of the other customers' shed energy that the carve-out adds (%)", k.ShareAttributable, 100),
		},
	}
}

// pairRow is a row of one index without and with the carve-out.
func pairRow(id, label string, base, with montecarlo.Estimate, scale float64) []cell {
	b, w := format(base, scale, false), format(with, scale, false)
	return []cell{{Text: label},
		{ID: "base-" + id, Text: b.Value, Class: "num"}, {ID: "base-" + id + "-ci", Text: b.Interval, Class: "num ci"},
		{ID: "with-" + id, Text: w.Value, Class: "num"}, {ID: "with-" + id + "-ci", Text: w.Interval, Class: "num ci"}}
}

// indices is the table of the other customers' reliability indices.
func indices(r *study.Report) table {
	b, c := r.Baseline, r.Carveout
	return table{
		ID:      "indices",
		Caption: "Reliability of the other customers, without and with the carve-out",
		Note:    "The carve-out's own load is not counted as shed. Lower ends of intervals of indices that cannot be negative are clipped at 0.",
		Head:    []string{"index", "without", "95% interval", "with carve-out", "95% interval"},
		Rows: [][]cell{
			pairRow("lole", "Loss-of-load expectation (LOLE, h a year)", b.LOLEHours, c.LOLEHours, 1),
			pairRow("lolf", "Loss-of-load events a year (LOLF)", b.LOLF, c.LOLF, 1),
			pairRow("lold", "Mean event duration (LOLD, h)", b.LOLDHours, c.LOLDHours, 1),
			pairRow("eue", "Expected unserved energy (EUE, MWh a year)", b.EUEMWh, c.EUEMWh, 1),
			pairRow("neue", "Unserved energy per million of load (NEUE, ppm)", b.NEUEPPM, c.NEUEPPM, 1),
			pairRow("pany", "Chance that a year has any shortfall (%)", b.PAnyShortfall, c.PAnyShortfall, 100),
		},
	}
}

// load is the table of what happened to the carve-out's own load.
func load(r *study.Report) table {
	l := r.Load
	return table{
		ID:      "load",
		Caption: "The carve-out's own load",
		Head:    []string{"measure", "estimate", "95% interval"},
		Rows: [][]cell{
			estimateRow("load-curtailed", "Energy curtailed a year (MWh)", l.CurtailedMWh, 1),
			estimateRow("load-curtailed-h", "Hours a year with curtailment asked for", l.CurtailedHours, 1),
			estimateRow("load-shed", "Energy shed a year (MWh)", l.ShedMWh, 1),
			estimateRow("load-served", "Energy served a year (MWh)", l.ServedMWh, 1),
			estimateRow("load-miner", "Miners' energy a year (MWh)", l.MinerMWh, 1),
			estimateRow("load-revenue", "Miners' revenue a year (million USD)", l.MinerRevenueUSD, 1e-6),
			estimateRow("load-util", "Miners' utilisation (%)", l.MinerUtilisation, 100),
		},
	}
}

// zones is the table of a zonal study's zones; nil without zones.
func zones(r *study.Report) *table {
	if len(r.Zones) == 0 {
		return nil
	}
	t := &table{
		ID:      "zones",
		Caption: "By zone (the carve-out at " + r.Site + ")",
		Note:    "Zones are listed in priority order: when zones compete for scarce imports, the first is served first.",
		Head:    []string{"zone", "carve-out share (%)", "baseline LOLE (h/yr)", "P(causes shedding) (%)", "ΔLOLE (h/yr)", "ΔEUE (MWh/yr)"},
	}
	for i, z := range r.Zones { // each estimate above its interval
		id := "zone-" + strconv.Itoa(i)
		lole, p, dl, de := format(z.Baseline.LOLEHours, 1, false), format(z.PCausesShedding, 100, false),
			format(z.DeltaLOLEHours, 1, false), format(z.DeltaEUEMWh, 1, false)
		t.Rows = append(t.Rows, []cell{
			{Text: z.Name, ID: id + "-name"},
			{Text: number(100*z.CarveoutShare, 0), Class: "num"},
			est(id+"-lole", lole, ""), est(id+"-p", p, ""), est(id+"-dlole", dl, ""), est(id+"-deue", de, ""),
		})
	}
	return t
}

// cvLabels are the labels of the indices of [study.ControlVariateResult],
// by name.
var cvLabels = map[string]string{
	"baseline_lole_h":  "LOLE without the carve-out (h a year)",
	"baseline_eue_mwh": "EUE without the carve-out (MWh a year)",
	"others_lole_h":    "LOLE with the carve-out (h a year)",
	"others_eue_mwh":   "EUE with the carve-out (MWh a year)",
	"delta_lole_h":     "ΔLOLE (h a year)",
	"delta_eue_mwh":    "ΔEUE (MWh a year)",
	"causes":           "Chance that a year has carve-out-caused shedding (%)",
}

// controlVariates is the table of the headline indices adjusted by
// control variates; nil when the run used none.
func controlVariates(r *study.Report) *table {
	cv := r.ControlVariates
	if cv == nil {
		return nil
	}
	var names []string
	for _, c := range cv.Controls {
		names = append(names, c.Name)
	}
	t := &table{
		ID:      "control-variates",
		Caption: "Headline indices with control variates",
		Note: "Adjusted: each index less its regression on controls whose means are computed exactly (" +
			strings.Join(names, "; ") + "). Variance reduction: the index's variance over what is left after the controls; " +
			"effective trial-years: the crude trial-years that would give the same precision.",
		Head: []string{"index", "crude", "adjusted", "variance reduction", "effective trial-years"},
	}
	for i, ix := range cv.Indices {
		scale := 1.0
		if ix.Name == "causes" {
			scale = 100
		}
		label := cvLabels[ix.Name]
		if label == "" {
			label = ix.Name
		}
		id := "cv-" + strconv.Itoa(i)
		vr, eff := "—", "—"
		if !math.IsNaN(ix.VarianceReduction) {
			vr, eff = number(ix.VarianceReduction, 2), count(int64(math.Round(ix.EffectiveTrials)))
		}
		t.Rows = append(t.Rows, []cell{{Text: label},
			est(id+"-crude", format(ix.Crude, scale, false), ""), est(id+"-adj", format(ix.Adjusted, scale, false), ""),
			{ID: id + "-vr", Text: vr, Class: "num"}, {ID: id + "-eff", Text: eff, Class: "num"}})
	}
	return t
}

// est is a cell of an estimate with its interval below it; class is
// added to the cell's classes.
func est(id string, f figure, class string) cell {
	return cell{ID: id, Text: f.Value, Sub: f.Interval, SubID: id + "-ci", Class: strings.TrimSpace("num " + class)}
}

// sweep is the table of the sweep; nil without one.
func sweep(r *study.Report) *table {
	if len(r.Sweep) == 0 {
		return nil
	}
	sites := false
	for _, p := range r.Sweep {
		sites = sites || p.Site != ""
	}
	t := &table{
		ID:      "sweep",
		Caption: "By size and policy" + map[bool]string{true: " and site", false: ""}[sites] + " (every case scored on the same simulated years)",
		Head:    []string{"size (MW)", "policy"},
	}
	if sites {
		t.Head = append(t.Head, "site")
		t.Note = "Rows below a site compare it with the first site, trial by trial on the same draws: the paired difference and its interval, far narrower than the two estimates' own intervals suggest."
	}
	t.Head = append(t.Head, "P(causes shedding) (%)", "ΔLOLE (h/yr)", "ΔEUE (MWh/yr)")
	costs := slices.ContainsFunc(r.Sweep, func(p study.SweepPoint) bool { return p.Cost != nil })
	cur := "currency"
	if r.Cost != nil {
		cur = r.Cost.Currency
	}
	if costs {
		t.Head = append(t.Head, "short-run cost (billion "+cur+"/yr)", "extra CO₂ (t/yr)")
	}
	for i, p := range r.Sweep {
		id := "sweep-" + strconv.Itoa(i)
		row := []cell{{Text: number(p.MW, decimals(p.MW)), Class: "num"}, {Text: p.Policy}}
		if sites {
			row = append(row, cell{Text: p.Site})
		}
		for k, f := range []figure{format(p.PCausesShedding, 100, false), format(p.DeltaLOLEHours, 1, false), format(p.DeltaEUEMWh, 1, false)} {
			row = append(row, est(id+"-"+[]string{"p", "dlole", "deue"}[k], f, ""))
		}
		if costs {
			if c := p.Cost; c != nil {
				row = append(row, est(id+"-cost", format(c.ShortRunCost, 1e-9, false), ""), est(id+"-co2", format(c.DeltaCO2T, 1, false), ""))
			} else {
				row = append(row, cell{Text: "—", Class: "num"}, cell{Text: "—", Class: "num"})
			}
		}
		t.Rows = append(t.Rows, row)
		if v := p.VsFirstSite; v != nil {
			diff := []cell{{Text: ""}, {Text: ""}, {Text: "− " + v.Site, Class: "diff"}}
			for k, f := range []figure{format(v.DiffPCausesShedding, 100, true), format(v.DiffDeltaLOLEHours, 1, true), format(v.DiffDeltaEUEMWh, 1, true)} {
				diff = append(diff, est(id+"-vs-"+[]string{"p", "dlole", "deue"}[k], f, "diff"))
			}
			if costs {
				for k, d := range []*montecarlo.Estimate{v.DiffShortRunCost, v.DiffDeltaCO2T} {
					if d == nil {
						diff = append(diff, cell{Text: "—", Class: "num diff"})
						continue
					}
					diff = append(diff, est(id+"-vs-"+[]string{"cost", "co2"}[k], format(*d, []float64{1e-9, 1}[k], true), "diff"))
				}
			}
			t.Rows = append(t.Rows, diff)
		}
	}
	return t
}

// sensitivity is the table of a sensitivity's runs.
func sensitivity(s *charts.Sensitivity) (*table, error) {
	if _, err := s.Series(); err != nil {
		return nil, fmt.Errorf("htmlreport: %w", err)
	}
	t := &table{
		ID:      "sensitivity",
		Caption: "Risk against " + s.Input + ", " + count(s.Trials) + " trial-years at each value on the same seed",
		Head:    []string{s.Input, "case", "P(causes shedding) (%)", "ΔLOLE (h/yr)", "ΔEUE (MWh/yr)"},
	}
	for i, pts := range s.Points {
		for j, p := range pts {
			id := "sens-" + strconv.Itoa(i) + "-" + strconv.Itoa(j)
			label := number(p.MW, decimals(p.MW)) + " MW, " + p.Policy
			if p.Site != "" {
				label += " at " + p.Site
			}
			row := []cell{{Text: number(s.Values[i], decimals(s.Values[i])), Class: "num"}, {Text: label}}
			for k, f := range []figure{format(p.PCausesShedding, 100, false), format(p.DeltaLOLEHours, 1, false), format(p.DeltaEUEMWh, 1, false)} {
				row = append(row, est(id+"-"+[]string{"p", "dlole", "deue"}[k], f, ""))
			}
			t.Rows = append(t.Rows, row)
		}
	}
	return t, nil
}

// captions say how to read each chart of [charts.Draw].
var captions = map[string]struct{ title, caption string }{
	"risk": {"Risk by carve-out size", "How likely the carve-out is to cause shedding of other customers in a year (top), how many hours of " +
		"shedding (middle) and how much energy (bottom) it adds, against its size, for each policy and site. Shading is the 95% interval " +
		"where it is wider than the lines; the dotted line marks this study's size. Policies differ most in energy: an interruptible " +
		"carve-out cuts how deep the shortfalls go more than how often they come."},
	"risk-log": {"Risk by carve-out size, logarithmic axes", "The same on logarithmic axes, where the small risks of small carve-outs " +
		"show and a steady growth with size is a straight line. Sizes with no risk at all lie below the axes."},
	"heatmap": {"When the extra shedding falls", "The probability that an hour of each month (rows) and hour of the day (columns) " +
		"has more shedding of other customers with the carve-out than without it."},
	"distributions": {"How bad the bad years are", "The share of simulated years in each band of the other customers' annual unserved " +
		"energy, without (grey) and with (orange) the carve-out, on a logarithmic energy axis. Years without shedding are not drawn; " +
		"the legend gives their share."},
	"market": {"The Bitcoin side", "The simulated BTC price and hashprice (median and percentile bands, week by week) and the mining " +
		"fleet's utilisation; the notes under the chart say why the median price falls and where the hashprice's two-week zig-zag comes from."},
	"convergence": {"Were enough years simulated?", "ΔEUE as simulated years accumulate, with its 95% interval, and its relative standard " +
		"error, which should fall as 1/√trials; a run with a precision target stops when it reaches the target."},
	"whopays": {"What the carve-out costs, and who pays", "The money measures per simulated year with their 95% intervals: " +
		"the short-run cost of serving the carve-out, what it pays and the margin left, its subsidy against three benchmarks, " +
		"the value of the load the other customers lose, and who gains or pays. The notes give the dollar rate."},
	"duration": {"Marginal-cost duration curves", "For each marginal price, the hours a year the system runs at that price or " +
		"dearer, without and with the carve-out: where the curve with it lies above, the carve-out puts dearer units on the margin."},
	"emissions": {"Extra CO₂ by carve-out size", "The system's extra CO₂ with each size of carve-out, one line per policy and site, " +
		"with 95% intervals, from economic dispatch of every case of the sweep."},
	"sensitivity": {"Risk against an input the data cannot settle", "The carve-out's risk at each value of the input, one line per case; " +
		"the dotted line marks the scenario's own value."},
}

// chartOrder lists the charts in reading order: those with captions
// first, in the order of the page, then any others by name.
func chartOrder(cs map[string]plots.Chart) []string {
	known := []string{"risk", "risk-log", "sensitivity", "heatmap", "distributions", "market", "convergence", "whopays", "duration", "emissions"}
	var out []string
	for _, k := range known {
		if _, ok := cs[k]; ok {
			out = append(out, k)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(cs)) {
		if !slices.Contains(known, k) {
			out = append(out, k)
		}
	}
	return out
}

// render draws chart c as a PNG data URL.
func render(name string, c plots.Chart, cfg *config) (chartView, error) {
	var b bytes.Buffer
	h := charts.Height(c)
	if err := plots.Write(&b, c, plots.Width, h, "png"); err != nil {
		return chartView{}, fmt.Errorf("htmlreport: chart %s: %w", name, err)
	}
	cv := chartView{
		ID:     "chart-" + name,
		Title:  name,
		Src:    template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(b.Bytes())),
		Width:  int(plots.Width.Dots(plots.PNGDPI) + 0.5),
		Height: int(h.Dots(plots.PNGDPI) + 0.5),
	}
	if c, ok := captions[name]; ok {
		cv.Title, cv.Caption = c.title, c.caption
	}
	if name == "sensitivity" && cfg.sensTitle != "" {
		cv.Title = cfg.sensTitle
	}
	cv.Alt = cv.Title
	return cv, nil
}
