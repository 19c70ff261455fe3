// Package warn is data early warning (数据预警, SPEC §2): department feeds
// imported from CSV, rules that turn feed records into hits for the demand
// ledger, and emergencies that raise an urgent check-visit for every
// vulnerable person in the declared townships. It has no storage or HTTP
// dependencies: the store persists records (unique by Fingerprint) and hits
// (unique by Hit.Fingerprint), which makes re-imports and re-evaluations
// idempotent.
package warn

// FeedKind names a department feed.
type FeedKind string

// Feed kinds. Each has a CSV layout, see Layout.
const (
	MedicalExpense  FeedKind = "medical_expense"  // large medical expenses
	DisabilityGrade FeedKind = "disability_grade" // new disability certificate
	SchoolDropout   FeedKind = "school_dropout"   // a child left school
	ElderlyAlone    FeedKind = "elderly_alone"    // household registry change
	UtilityArrears  FeedKind = "utility_arrears"  // water, power, gas or heating unpaid
	HospitalStay    FeedKind = "hospital_stay"    // inpatient admission, and discharge once known
	Death           FeedKind = "death"            // a death reported to the household registry
)

// FeedKinds lists every feed kind in display order.
var FeedKinds = []FeedKind{MedicalExpense, DisabilityGrade, SchoolDropout, ElderlyAlone, UtilityArrears, HospitalStay, Death}

// Facts reports whether feed k only records facts for visit verification (a
// visit logged while the person was in hospital, or after a reported death):
// no warning rule reads it, so it files nothing in the ledger.
func (k FeedKind) Facts() bool { return k == HospitalStay || k == Death }

// Valid reports whether k is a known feed kind.
func (k FeedKind) Valid() bool {
	_, ok := layouts[k]
	return ok
}

// Department is a unit that sends a feed; an import token belongs to one.
type Department string

// Departments.
const (
	MedicalInsurance   Department = "medical_insurance"   // 医疗保障局
	DisabledFederation Department = "disabled_federation" // 残疾人联合会
	Education          Department = "education"           // 教育局
	PublicSecurity     Department = "public_security"     // 公安局户籍
	Utilities          Department = "utilities"           // 水电燃气供暖企业
	Health             Department = "health"              // 卫生健康委员会
)

// Department returns the department that owns the feed, "" for an unknown kind.
func (k FeedKind) Department() Department {
	switch k {
	case MedicalExpense:
		return MedicalInsurance
	case DisabilityGrade:
		return DisabledFederation
	case SchoolDropout:
		return Education
	case ElderlyAlone:
		return PublicSecurity
	case UtilityArrears:
		return Utilities
	case HospitalStay:
		return Health
	case Death:
		return PublicSecurity
	}
	return ""
}

// Feeds returns the feed kinds a department may send.
func (d Department) Feeds() []FeedKind {
	var ks []FeedKind
	for _, k := range FeedKinds {
		if k.Department() == d {
			ks = append(ks, k)
		}
	}
	return ks
}

// Column describes one CSV column of a feed layout. A header cell matches a
// column by its Name, its Label or any alias, ignoring case, spaces, a
// trailing "*" and full-width parentheses.
type Column struct {
	Name     string   `json:"name"`  // canonical header, e.g. "amount_fen"
	Label    string   `json:"label"` // Chinese header for templates, e.g. "金额(分)"
	Aliases  []string `json:"aliases,omitempty"`
	Required bool     `json:"required"`
	Doc      string   `json:"doc"`
}

// The columns feeds are built from. Money is an integer number of fen (分),
// dates are YYYY-MM-DD (YYYY/M/D, as Excel writes it, is accepted too).
var (
	colID = Column{Name: "id_number", Label: "身份证号",
		Aliases: []string{"身份证号码", "公民身份号码", "证件号码", "身份证", "学生身份证号", "户主身份证号"},
		Doc:     "18-character resident ID number (GB 11643); keep the cells as Text in Excel"}
	colDate = Column{Name: "event_date", Label: "日期",
		Aliases: []string{"date", "发生日期", "结算日期", "就诊日期", "评定日期", "发证日期", "离校日期", "变动日期", "统计日期", "截止日期"},
		Doc:     "day the event happened, YYYY-MM-DD, not in the future"}
	// The dates of the fact feeds have names of their own, so that a report
	// says which date is wrong; they fill Record.Date like event_date.
	colAdmitted = Column{Name: "admission_date", Label: "入院日期",
		Aliases: []string{"event_date", "date", "日期", "入院时间"},
		Doc:     "day the person was admitted as an inpatient, YYYY-MM-DD, not in the future"}
	colDischarged = Column{Name: "discharge_date", Label: "出院日期",
		Aliases: []string{"end_date", "出院时间"},
		Doc:     "day the person left hospital, YYYY-MM-DD, not before admission; empty while still in hospital. A later file with the discharge day adds it to the stay"}
	colDied = Column{Name: "death_date", Label: "死亡日期",
		Aliases: []string{"event_date", "date", "日期", "死亡时间", "注销日期"},
		Doc:     "day of death, YYYY-MM-DD, not in the future"}
	colAmount = Column{Name: "amount_fen", Label: "金额(分)",
		Aliases: []string{"金额分", "自付金额(分)", "欠费金额(分)"},
		Doc:     "whole number of fen (1 yuan = 100 fen), no decimal point or separators"}
	colGrade = Column{Name: "grade", Label: "残疾等级",
		Aliases: []string{"disability_grade", "等级"},
		Doc:     "disability grade 1 (most severe) to 4"}
	colHousehold = Column{Name: "household_size", Label: "户内人数",
		Aliases: []string{"家庭人数", "同户人数"},
		Doc:     "people left in the registered household, the person included (1 = alone)"}
	colMonths = Column{Name: "months", Label: "欠费月数",
		Aliases: []string{"months_in_arrears", "月数"},
		Doc:     "whole months unpaid"}
	colRef = Column{Name: "ref", Label: "业务编号",
		Aliases: []string{"编号", "单据号", "结算单号"},
		Doc:     "the department's own record number; two events on one day need different refs"}
	colHospital = Column{Name: "hospital", Label: "医院名称",
		Aliases: []string{"医院", "住院医院", "医疗机构", "医疗机构名称"},
		Doc:     "the hospital, as the department names it"}
	colName = Column{Name: "name", Label: "姓名",
		Doc: "name as the department has it; shown only when the ID number is not on file"}
	colNote = Column{Name: "note", Label: "备注",
		Aliases: []string{"remark"},
		Doc:     "free text, at most 200 characters"}
)

// yuanHeaders are headers that carry money in yuan: they get their own
// message, because guessing the unit would be off by a factor of 100.
var yuanHeaders = []string{"amount", "amount_yuan", "金额", "金额(元)", "自付金额", "自付金额(元)", "欠费金额", "欠费金额(元)"}

func req(c Column) Column { c.Required = true; return c }

var layouts = map[FeedKind][]Column{
	MedicalExpense:  {req(colID), req(colDate), req(colAmount), colRef, colName, colNote},
	DisabilityGrade: {req(colID), req(colDate), req(colGrade), colRef, colName, colNote},
	SchoolDropout:   {req(colID), req(colDate), colRef, colName, colNote},
	ElderlyAlone:    {req(colID), req(colDate), req(colHousehold), colRef, colName, colNote},
	UtilityArrears:  {req(colID), req(colDate), req(colMonths), colAmount, colRef, colName, colNote},
	HospitalStay:    {req(colID), req(colAdmitted), colDischarged, colHospital, colName, colNote},
	Death:           {req(colID), req(colDied), colRef, colName, colNote},
}

// Layout returns the columns of a feed, required ones first; nil for an
// unknown kind. The slice is a copy.
func Layout(k FeedKind) []Column {
	return append([]Column(nil), layouts[k]...)
}

// Template returns the header row of a blank import file with Chinese labels.
func Template(k FeedKind) []string {
	var h []string
	for _, c := range layouts[k] {
		h = append(h, c.Label)
	}
	return h
}
