package assets

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
)

// candidate is a system font file acceptable for a role, with its Chinese name.
type candidate struct {
	file, zh string
}

// systemCandidates lists, per role, the file names of acceptable system fonts in order
// of preference: Windows' own (simfang, simhei, simkai), the 方正 and 中文电子标准化
// (CESI) fonts that 统信 UOS, 麒麟 and WPS installs put in the font folders, and the
// "_GB2312" fonts offices copy around. Only TrueType (.ttf) files are listed: gofpdf
// reads neither .otf nor .ttc.
var systemCandidates = map[Role][]candidate{
	Title: {
		{"FZXBSJW.TTF", "方正小标宋简体"}, {"FZXBSJW--GB1-0.TTF", "方正小标宋简体"},
		{"方正小标宋简体.ttf", "方正小标宋简体"}, {"方正小标宋_GBK.ttf", "方正小标宋_GBK"},
		{"FZXBSK.TTF", "方正小标宋_GBK"}, {"方正小标宋.ttf", "方正小标宋"},
		{"CESI_XBS_GB2312.TTF", "CESI小标宋-GB2312"}, {"CESI_XBS_GB18030.TTF", "CESI小标宋-GB18030"},
		{"CESI_XBS_GB13000.TTF", "CESI小标宋-GB13000"},
	},
	Body: {
		{"simfang.ttf", "仿宋"}, {"仿宋_GB2312.ttf", "仿宋_GB2312"}, {"FS_GB2312.ttf", "仿宋_GB2312"},
		{"仿宋.ttf", "仿宋"}, {"CESI_FS_GB2312.TTF", "CESI仿宋-GB2312"},
		{"CESI_FS_GB18030.TTF", "CESI仿宋-GB18030"}, {"CESI_FS_GB13000.TTF", "CESI仿宋-GB13000"},
		{"FZFSK.TTF", "方正仿宋_GBK"}, {"方正仿宋_GBK.ttf", "方正仿宋_GBK"},
		{"FZFSJW.TTF", "方正仿宋简体"}, {"FZFSJW--GB1-0.TTF", "方正仿宋简体"}, {"方正仿宋简体.ttf", "方正仿宋简体"},
		{"STFANGSO.TTF", "华文仿宋"},
	},
	Heading: {
		{"simhei.ttf", "黑体"}, {"黑体.ttf", "黑体"}, {"CESI_HT_GB2312.TTF", "CESI黑体-GB2312"},
		{"CESI_HT_GB18030.TTF", "CESI黑体-GB18030"}, {"CESI_HT_GB13000.TTF", "CESI黑体-GB13000"},
		{"FZHTK.TTF", "方正黑体_GBK"}, {"方正黑体_GBK.ttf", "方正黑体_GBK"},
		{"FZHTJW.TTF", "方正黑体简体"}, {"FZHTJW--GB1-0.TTF", "方正黑体简体"}, {"方正黑体简体.ttf", "方正黑体简体"},
	},
	Kai: {
		{"simkai.ttf", "楷体"}, {"楷体_GB2312.ttf", "楷体_GB2312"}, {"KT_GB2312.ttf", "楷体_GB2312"},
		{"楷体.ttf", "楷体"}, {"CESI_KT_GB2312.TTF", "CESI楷体-GB2312"},
		{"CESI_KT_GB18030.TTF", "CESI楷体-GB18030"}, {"CESI_KT_GB13000.TTF", "CESI楷体-GB13000"},
		{"FZKTK.TTF", "方正楷体_GBK"}, {"方正楷体_GBK.ttf", "方正楷体_GBK"},
		{"FZKTJW.TTF", "方正楷体简体"}, {"FZKTJW--GB1-0.TTF", "方正楷体简体"}, {"方正楷体简体.ttf", "方正楷体简体"},
		{"STKAITI.TTF", "华文楷体"},
	},
}

// knownLabel returns the Chinese name of a known font file, or "".
func knownLabel(path string) string {
	name := strings.ToLower(filepath.Base(path))
	for _, cs := range systemCandidates {
		for _, c := range cs {
			if strings.ToLower(c.file) == name {
				return c.zh
			}
		}
	}
	return ""
}

// systemFontDirs returns the folders searched for system fonts, in order: on Windows the
// fonts folder and the per-user fonts folder; elsewhere fontconfig's default folders
// (/usr/share/fonts, /usr/local/share/fonts, ~/.local/share/fonts, ~/.fonts), which
// 统信 UOS, 麒麟 and WPS installs use. It is a variable so tests can point it elsewhere.
var systemFontDirs = func() []string {
	var dirs []string
	if w := os.Getenv("WINDIR"); w != "" {
		dirs = append(dirs, filepath.Join(w, "Fonts"))
	}
	if l := os.Getenv("LOCALAPPDATA"); l != "" {
		// Fonts installed "for the current user only" (Windows 10 and later).
		dirs = append(dirs, filepath.Join(l, "Microsoft", "Windows", "Fonts"))
	}
	if runtime.GOOS == "windows" {
		return dirs
	}
	dirs = append(dirs, "/usr/share/fonts", "/usr/local/share/fonts")
	home, _ := os.UserHomeDir()
	data := os.Getenv("XDG_DATA_HOME")
	if data == "" && home != "" {
		data = filepath.Join(home, ".local", "share")
	}
	if data != "" {
		dirs = append(dirs, filepath.Join(data, "fonts"))
	}
	if home != "" {
		dirs = append(dirs, filepath.Join(home, ".fonts"))
	}
	return dirs
}

// Bounds of the font folder search: folders nest a few levels deep (truetype/wps-office/…),
// and a folder tree with a symlink loop or millions of files must not stall an export.
const (
	maxFontDirDepth = 6
	maxFontDirFiles = 20000
)

// fontIndex maps lower-case .ttf file names to the first path found.
type fontIndex map[string]string

var (
	indexMu    sync.Mutex
	indexCache = map[string]fontIndex{}
)

// systemIndex returns the index of the .ttf files under dirs, built once per process for
// each list of folders.
func systemIndex(dirs []string) fontIndex {
	key := strings.Join(dirs, "\x00")
	indexMu.Lock()
	defer indexMu.Unlock()
	if ix, ok := indexCache[key]; ok {
		return ix
	}
	ix := fontIndex{}
	seen := map[string]bool{}
	budget := maxFontDirFiles
	var walk func(dir string, depth int)
	walk = func(dir string, depth int) {
		real, err := filepath.EvalSymlinks(dir)
		if err != nil || seen[real] {
			return
		}
		seen[real] = true
		entries, err := os.ReadDir(dir)
		if err != nil {
			return
		}
		var sub []string
		for _, e := range entries {
			if budget--; budget < 0 {
				return
			}
			name := e.Name()
			p := filepath.Join(dir, name)
			isDir := e.IsDir()
			if e.Type()&os.ModeSymlink != 0 {
				if st, err := os.Stat(p); err == nil {
					isDir = st.IsDir()
				}
			}
			switch {
			case isDir:
				if depth < maxFontDirDepth && !strings.HasPrefix(name, ".") {
					sub = append(sub, p)
				}
			case strings.EqualFold(filepath.Ext(name), ".ttf"):
				if _, dup := ix[strings.ToLower(name)]; !dup {
					ix[strings.ToLower(name)] = p
				}
			}
		}
		// Files of a folder win over those of its subfolders.
		for _, s := range sub {
			walk(s, depth+1)
		}
	}
	for _, d := range dirs {
		walk(d, 0)
	}
	indexCache[key] = ix
	return ix
}

// SystemFont returns the path of an installed system font suitable for role r: simfang
// (or another 仿宋) for Body, simhei (黑体) for Heading, simkai (楷体) for Kai and a
// 方正小标宋 for Title, searched in the Windows font folders or, on Linux, in
// fontconfig's folders and their subfolders. File names match case-insensitively; files
// that are not TrueType (e.g. collections renamed .ttf) are skipped. There is no system
// font for UI. The folders are searched once per process.
func SystemFont(r Role) (path string, ok bool) {
	cands := systemCandidates[r]
	if len(cands) == 0 {
		return "", false
	}
	ix := systemIndex(systemFontDirs())
	for _, c := range cands {
		if p, found := ix[strings.ToLower(c.file)]; found && isTrueTypeFile(p) {
			return p, true
		}
	}
	return "", false
}
