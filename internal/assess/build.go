package assess

import (
	"math"

	"jiuzhu/internal/person"
)

// Helpers that keep the shipped templates readable as data. Label keys follow
// one scheme: assess.item.<item>, assess.opt.<item>.<option or band>,
// assess.rule.<rule>, assess.class.<class>, assess.pkg.<package>.

func choice(code string, opts ...Option) Item {
	for i := range opts {
		if opts[i].LabelKey == "" {
			opts[i].LabelKey = "assess.opt." + code + "." + opts[i].Code
		}
	}
	return Item{Code: code, LabelKey: "assess.item." + code, Kind: Choice, Options: opts}
}

func opt(code string, score int) Option { return Option{Code: code, Score: score} }

// shared is an option whose label is shared by several items.
func shared(key, code string, score int) Option {
	return Option{Code: code, LabelKey: "assess.opt." + key + "." + code, Score: score}
}

func boolean(code string, trueScore int) Item {
	return Item{Code: code, LabelKey: "assess.item." + code, Kind: Boolean, TrueScore: trueScore}
}

func number(code string, bands ...Band) Item {
	for i := range bands {
		bands[i].LabelKey = "assess.opt." + code + "." + bands[i].Code
	}
	return Item{Code: code, LabelKey: "assess.item." + code, Kind: Number, Bands: bands}
}

// band is [lo, hi); hi = +Inf for no upper bound.
func band(code string, lo, hi float64, score int) Band {
	b := Band{Code: code, Min: lo, Score: score}
	if !math.IsInf(hi, 1) {
		b.Max = &hi
	}
	return b
}

func optional(it Item) Item { it.Optional = true; return it }

func labels(kind string, codes ...string) []Label {
	ls := make([]Label, len(codes))
	for i, c := range codes {
		ls[i] = Label{Code: c, LabelKey: "assess." + kind + "." + c}
	}
	return ls
}

func withRuleKeys(rs []Rule) []Rule {
	for i := range rs {
		rs[i].LabelKey = "assess.rule." + rs[i].Code
	}
	return rs
}

func num(v int) *int { return &v }

func always() Cond               { return Cond{Always: true} }
func allOf(cs ...Cond) Cond      { return Cond{All: cs} }
func anyOf(cs ...Cond) Cond      { return Cond{Any: cs} }
func hasClass(c string) Cond     { return Cond{Class: c} }
func cat(c person.Category) Cond { return Cond{Category: c} }
func ageBand(b string) Cond      { return Cond{Attr: "band", Is: b} }

// is tests an item's answer code against one or more codes.
func is(item string, codes ...string) Cond {
	if len(codes) == 1 {
		return Cond{Item: item, Is: codes[0]}
	}
	return Cond{Item: item, In: codes}
}

func yes(item string) Cond { return Cond{Item: item, Is: "true"} }

func dimAtMost(d string, v int) Cond       { return Cond{Dim: d, Lte: num(v)} }
func dimAtLeast(d string, v int) Cond      { return Cond{Dim: d, Gte: num(v)} }
func dimBetween(d string, lo, hi int) Cond { return Cond{Dim: d, Gte: num(lo), Lte: num(hi)} }

func attrAtLeast(a string, v int) Cond      { return Cond{Attr: a, Gte: num(v)} }
func attrBelow(a string, v int) Cond        { return Cond{Attr: a, Lt: num(v)} }
func attrIs(a string, v int) Cond           { return Cond{Attr: a, Eq: num(v)} }
func attrBetween(a string, lo, hi int) Cond { return Cond{Attr: a, Gte: num(lo), Lte: num(hi)} }
