/// Tells apart the files that start with the Compound File Binary signature
/// (`D0 CF 11 E0 A1 B1 1A E1`): a password-protected workbook (an `.xlsx` encrypted
/// into an `EncryptedPackage` stream), a legacy `.xls` (a `Workbook` stream), or
/// another old Office document. Reads only the container's directory, bounded, so a
/// hostile file cannot make it loop.
enum CompoundFile {
    static let signature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    /// The refusal that fits the file.
    static func refusal(_ bytes: RandomAccessBytes) -> WorkbookError {
        let names = (try? streamNames(bytes)) ?? []
        if names.contains("EncryptedPackage") || names.contains("EncryptionInfo") { return .passwordProtected }
        if names.contains("Workbook") || names.contains("Book") { return .legacyExcel }
        if names.contains("WordDocument") { return .otherOfficeFile("an old Word document (.doc)") }
        if names.contains("PowerPoint Document") { return .otherOfficeFile("an old PowerPoint file (.ppt)") }
        // Unreadable directory: an old Office file of some kind; .xls is the likeliest.
        return names.isEmpty ? .legacyExcel : .otherOfficeFile("an old Microsoft Office file, not a workbook")
    }

    /// The names in the container's directory (at most a few hundred entries).
    static func streamNames(_ bytes: RandomAccessBytes) throws -> [String] {
        let header = try bytes.read(at: 0, count: 512)
        guard header.count == 512, Array(header[0..<8]) == signature else { return [] }
        let shift = ZipArchive.u16(header, 0x1E)
        guard shift == 9 || shift == 12 else { return [] }
        let sectorSize = 1 << shift
        func sectorOffset(_ n: Int) -> Int { (n + 1) << shift }
        // The FAT sectors listed in the header (the first 109): enough to follow the
        // directory's chain in any file engage would be shown.
        var fatSectors: [Int] = []
        for k in 0..<109 {
            let s = ZipArchive.u32(header, 0x4C + 4 * k)
            if s >= 0xFFFF_FFFA { break }
            fatSectors.append(s)
        }
        var fatCache: [Int: [UInt8]] = [:]
        func nextSector(_ n: Int) throws -> Int? {
            let perSector = sectorSize / 4
            let index = n / perSector
            guard index < fatSectors.count else { return nil }
            if fatCache[index] == nil {
                fatCache[index] = try bytes.read(at: sectorOffset(fatSectors[index]), count: sectorSize)
            }
            guard let fat = fatCache[index], fat.count == sectorSize else { return nil }
            let next = ZipArchive.u32(fat, 4 * (n % perSector))
            return next >= 0xFFFF_FFFA ? nil : next
        }
        var names: [String] = []
        var sector: Int? = ZipArchive.u32(header, 0x30)
        var visited = Set<Int>()
        while let s = sector, visited.count < 64, visited.insert(s).inserted {
            let data = try bytes.read(at: sectorOffset(s), count: sectorSize)
            guard data.count == sectorSize else { break }
            for entry in stride(from: 0, to: sectorSize, by: 128) {
                let length = min(64, ZipArchive.u16(data, entry + 0x40))
                guard length >= 2 else { continue }
                var units: [UInt16] = []
                for i in stride(from: 0, to: length - 2, by: 2) {
                    units.append(UInt16(ZipArchive.u16(data, entry + i)))
                }
                names.append(String(decoding: units, as: UTF16.self))
            }
            sector = try nextSector(s)
        }
        return names
    }
}
