<#
.SYNOPSIS
  Builds the Stock Monitor app-image and .msi on Windows with jlink + jpackage (the twin of build-installers.sh).
.DESCRIPTION
  mvn -Pinstallers -DskipTests package runs this on Windows; or, after mvn -DskipTests package:
    powershell -ExecutionPolicy Bypass -File packaging\build-installers.ps1 -Targets all
  Targets: app-image, msi, all (= app-image + msi). The .msi needs the WiX Toolset 3.x (candle.exe, light.exe)
  on PATH. Outputs: target\installers\app-image\stock-monitor\ and target\installers\stock-monitor-<v>.msi.
#>
param(
    [string]$Version = "",
    [string[]]$Targets = @("app-image")
)
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)
$Root = (Get-Location).Path
$Target = Join-Path $Root "target"
$Work = Join-Path $Target "jpackage"
$Out = Join-Path $Target "installers"
function Say($m) { Write-Host "[installers] $m" }
function Run($exe, [string[]]$argv) {
    & $exe @argv
    if ($LASTEXITCODE -ne 0) { throw "$exe failed with exit code $LASTEXITCODE" }
}

if (-not (Test-Path (Join-Path $Target "stock-monitor.jar"))) { throw "target\stock-monitor.jar is missing: run 'mvn -DskipTests package' first" }
if ($Version -eq "") {
    $Version = (Select-String -Path (Join-Path $Target "maven-archiver\pom.properties") -Pattern '^version=(.*)$').Matches[0].Groups[1].Value
}
$PackageVersion = ($Version -split '-')[0]   # 1.2.3-SNAPSHOT -> 1.2.3 (MSI versions are numbers only)
$Expanded = @()
foreach ($t in ($Targets -join ',').Split(',')) {
    switch ($t.Trim()) {
        "all" { $Expanded += "app-image", "msi" }
        "app-image" { $Expanded += "app-image" }
        "msi" { $Expanded += "msi" }
        "exe" { $Expanded += "exe" }
        default { throw "unknown target '$t' (app-image, msi, exe, all)" }
    }
}
if ($Expanded -contains "msi" -and -not (Get-Command candle.exe -ErrorAction SilentlyContinue)) {
    throw "WiX Toolset 3.x (candle.exe, light.exe) is not on PATH: https://wixtoolset.org/ (needed for the .msi)"
}

Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $Work, (Join-Path $Out "app-image")
New-Item -ItemType Directory -Force (Join-Path $Work "input\lib"), (Join-Path $Work "javafx"), $Out | Out-Null

# Class-path input without JavaFX (its platform jars become runtime modules) and without feed-simulator.jar
# (its classes are in stock-monitor.jar; the feed-simulator launcher only changes the main class).
Copy-Item (Join-Path $Target "stock-monitor.jar") (Join-Path $Work "input")
foreach ($jar in Get-ChildItem (Join-Path $Target "lib\*.jar")) {
    if ($jar.Name -match '^javafx-.+-\d[^-]*-.+\.jar$') { Copy-Item $jar.FullName (Join-Path $Work "javafx") }
    elseif ($jar.Name -notlike "javafx-*") { Copy-Item $jar.FullName (Join-Path $Work "input\lib") }
}

Say "jdeps: finding the JDK modules the jars need"
$libs = Get-ChildItem (Join-Path $Work "input\lib\*.jar") | ForEach-Object { $_.FullName }
$jdeps = & jdeps --print-module-deps --ignore-missing-deps --multi-release 17 -q --module-path (Join-Path $Work "javafx") `
    --class-path ($libs -join ';') (Join-Path $Work "input\stock-monitor.jar") @libs
if ($LASTEXITCODE -ne 0) { throw "jdeps failed" }
$extra = Get-Content (Join-Path $Root "packaging\jdk-modules.txt") | Where-Object { $_ -and -not $_.StartsWith("#") }
$modules = (@(($jdeps | Select-Object -Last 1)) + $extra + "javafx.controls", "javafx.fxml") -join ','
Say "modules: $modules"

$javaHome = if ($env:JAVA_HOME) { $env:JAVA_HOME } else { Split-Path -Parent (Split-Path -Parent (Get-Command jlink).Source) }
Say "jlink: linking the runtime"
Run jlink @("--module-path", "$javaHome\jmods;$Work\javafx", "--add-modules", $modules, "--strip-debug",
    "--no-header-files", "--no-man-pages", "--strip-native-commands", "--output", "$Work\runtime")
# JavaFX's DLLs next to the JDK's (bin\ on Windows): loaded from there, never unpacked into a per-user cache.
Add-Type -AssemblyName System.IO.Compression.FileSystem
foreach ($jar in Get-ChildItem (Join-Path $Work "javafx\*.jar")) {
    $zip = [System.IO.Compression.ZipFile]::OpenRead($jar.FullName)
    foreach ($e in $zip.Entries | Where-Object { $_.Name -like "*.dll" }) {
        [System.IO.Compression.ZipFileExtensions]::ExtractToFile($e, (Join-Path "$Work\runtime\bin" $e.Name), $true)
    }
    $zip.Dispose()
}

Say "jpackage: app-image"
Run jpackage @("--type", "app-image", "@packaging/common.cfg", "@packaging/launcher.cfg", "@packaging/windows/app-image.cfg",
    "--app-version", $PackageVersion, "--input", "$Work\input", "--runtime-image", "$Work\runtime",
    "--dest", "$Out\app-image")
$image = Join-Path $Out "app-image\stock-monitor"
foreach ($t in $Expanded | Where-Object { $_ -ne "app-image" }) {
    Say "jpackage: $t"
    Run jpackage @("--type", $t, "@packaging/common.cfg", "@packaging/windows/package.cfg", "@packaging/windows/msi.cfg",
        "--app-version", $PackageVersion, "--app-image", $image, "--dest", $Out)
}
Say "done; outputs in target\installers\"
