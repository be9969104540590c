package server

import (
	"strings"
	"time"

	"github.com/spintrace/spintrace"
)

// A small corpus written for these tests: three source articles, a
// distractor, and an article stitched from the three with words swapped.
var (
	srcEnergy = []string{
		"Russia agreed on Thursday to extend a gas supply contract with Hungary for another ten years, officials in Budapest announced.",
		"The agreement keeps the pipeline through Serbia running at full capacity and fixes the price for the first three years.",
		"Hungarian ministers said the deal protects households from sharp increases in heating costs during the coming winter.",
		"Critics in the European Parliament warned that the contract deepens the country's dependence on a single supplier.",
	}
	srcRail = []string{
		"The regional rail operator in Kestrel Valley will begin running night trains between Harwick and Lowmere next spring.",
		"Managers said the service would use refurbished sleeper carriages bought from a company that closed last year.",
		"Tickets will go on sale in February, and the operator expects the first trains to be nearly full on weekends.",
		"Local business groups welcomed the plan, saying late connections would help restaurants and theatres in both towns.",
	}
	srcHospital = []string{
		"Doctors at Saint Brennan Hospital performed the region's first robotic heart surgery on Monday, the hospital said.",
		"The patient, a retired teacher aged sixty-eight, was recovering well and could go home within a week.",
		"Surgeons trained for two years on simulators before the operation, which took just under four hours.",
		"The hospital plans to perform about forty such procedures next year if funding from the health ministry arrives.",
		"\"We have waited a long time for this day and the whole team is proud,\" said chief surgeon Anna Verhoef.",
	}
	srcOther = []string{
		"A survey of farmers found that most expect lower harvests after the driest summer in two decades.",
		"Prices for animal feed have already risen, and several cooperatives are asking the government for emergency loans.",
		"Meteorologists said autumn rain would help pastures recover but would come too late for this year's grain.",
	}
)

func testDoc(name, site string, day int, sentences []string) spintrace.Doc {
	return spintrace.Doc{
		Origin: "test/" + name + ".txt", URL: "https://" + site + "/" + name, Site: site,
		Title:     strings.ToUpper(name[:1]) + name[1:] + " story",
		Published: time.Date(2026, 4, day, 0, 0, 0, 0, time.UTC), Text: strings.Join(sentences, " "),
	}
}

// corpus returns the indexed documents.
func corpus() []spintrace.Doc {
	return []spintrace.Doc{
		testDoc("energy", "eastwire.example", 2, srcEnergy),
		testDoc("rail", "valley-courier.example", 3, srcRail),
		testDoc("hospital", "brennan-post.example", 4, srcHospital),
		testDoc("drought", "farm-journal.example", 5, srcOther),
	}
}

// spunArticle is stitched from the three sources, with an entity alias
// ("Russia" -> "Russian Federation") and synonyms swapped in.
func spunArticle() string {
	parts := []string{
		strings.Replace(srcEnergy[0], "Russia", "Russian Federation", 1),
		strings.Replace(srcEnergy[1], "agreement", "accord", 1),
		srcEnergy[2],
		strings.Replace(srcHospital[0], "performed", "carried out", 1),
		strings.Replace(srcHospital[1], "recovering well", "recuperating nicely", 1),
		srcHospital[2],
		strings.Replace(srcHospital[4], "said chief surgeon Anna Verhoef", "said hospital director Paul Brandt", 1),
		strings.Replace(srcRail[0], "begin", "start", 1),
		srcRail[1],
		strings.Replace(srcRail[3], "welcomed", "praised", 1),
	}
	return strings.Join(parts, " ")
}
