// The telemock command line. Subcommands arrive with their issues; until then, say so plainly.
const [command = 'help'] = process.argv.slice(2);
console.error(`telemock ${command}: not built yet — the mock server and contract suite are still to come.`);
process.exit(command === 'help' ? 0 : 2);
