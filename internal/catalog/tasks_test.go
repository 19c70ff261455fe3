package catalog

import (
	"slices"
	"testing"
)

func TestTasks(t *testing.T) {
	for _, c := range []struct {
		name, content string
		want          []string
	}{
		{"heading and list", "教会使用智能手机：通话与视频、微信、防范电信诈骗。", []string{"通话与视频", "微信", "防范电信诈骗"}},
		{"no heading", "打扫卧室，清洗餐具；整理衣物", []string{"打扫卧室", "清洗餐具", "整理衣物"}},
		{"one sentence", "陪同就医", []string{"陪同就医"}},
		{"empty", "  ", []string{}},
		{"latin", "sweep, wash dishes; laundry", []string{"sweep", "wash dishes", "laundry"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := Tasks(c.content); !slices.Equal(got, c.want) {
				t.Fatalf("Tasks(%q) = %q, want %q", c.content, got, c.want)
			}
		})
	}
	for _, it := range Defaults() {
		if len(Tasks(it.Content)) == 0 {
			t.Errorf("item %s lists no task", it.Code)
		}
	}
}
