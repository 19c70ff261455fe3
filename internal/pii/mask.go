package pii

// MaskID keeps the first 4 and last 4 characters of an ID number, as in
// 6523**********123X.
func MaskID(id string) string { return maskMiddle(id, 4, 4) }

// MaskPhone keeps the first 3 and last 4 digits: 138****5678.
func MaskPhone(p string) string { return maskMiddle(p, 3, 4) }

// MaskName keeps the first character of a name: 张**.
func MaskName(name string) string { return maskMiddle(name, 1, 0) }

func maskMiddle(s string, head, tail int) string {
	r := []rune(s)
	if len(r) <= head+tail {
		if len(r) <= 1 {
			return s
		}
		head, tail = 1, 0
	}
	for i := head; i < len(r)-tail; i++ {
		r[i] = '*'
	}
	return string(r)
}
