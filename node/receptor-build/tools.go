//go:build tools

// Package build is receptor-lab's build module for the receptor binary. node-image.ts writes its
// go.mod next to this file (requiring github.com/ansible/receptor at the pinned version and
// repeating any replace directive receptor's own go.mod holds) and then runs
// `go build github.com/ansible/receptor/cmd/receptor-cl`. The blank import keeps the requirement.
package build

import _ "github.com/ansible/receptor/cmd/receptor-cl"
